package io.heapreel.model.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.capture.BufferMemory;
import io.heapreel.model.capture.Memory;
import io.heapreel.model.heap.HeapArea;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.SiteRules;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events against hand-built allocation tables (2 bits a block, block 0 in the low bits: CAPTURE.md),
 * the expected verdicts from the event semantics: a head after an alloc and at a free, free after a
 * sweep's free.
 */
class LoggedEventsTest {
  private static final String ALLOC = "gc_alloc (n_bytes=8) at ../../py/gc.c:1024";
  private static final String FREE = "gc_free (ptr=0x0) at ../../py/gc.c:1100";
  private static final String SWEEP = "gc_sweep_free_blocks () at ../../py/gc.c:400";

  /** Area A: table at 0x100 (2 bytes, 8 blocks); area B: table at 0x120 (1 byte, 4 blocks). */
  private static final HeapArea A = new HeapArea(0x100, 2, 0, 0x200, 0x280, 4);
  private static final HeapArea B = new HeapArea(0x120, 1, 0, 0x300, 0x340, 4);

  private static String record(int block, int length, String frame) {
    return "Breakpoint 1, gc_log_change (start_block=" + block + ", length=" + length + ") at ../../py/gc.c:147\n"
        + "#0  gc_log_change (start_block=" + block + ", length=" + length + ") at ../../py/gc.c:147\n"
        + "#1  0x00001000 in " + frame + "\n"
        + "$1 = " + block + "\n$2 = " + length + "\n\n";
  }

  /** A memory that holds these table bytes at these addresses and zero elsewhere. */
  private static Memory tables(int atbA0, int atbA1, int atbB) {
    byte[] ram = new byte[0x200];
    ram[0x100] = (byte) atbA0;
    ram[0x101] = (byte) atbA1;
    ram[0x120] = (byte) atbB;
    return new BufferMemory(0, ByteBuffer.wrap(ram));
  }

  @Test
  void eachEventAgainstItsOwnSnapshot(@TempDir Path tmp) throws Exception {
    Path log = tmp.resolve("mylog.txt");
    // event 0: alloc of block 1; 1: free of block 1; 2: sweep of block 5; 3: alloc of block 9
    Files.writeString(log, record(1, 2, ALLOC) + record(1, 0, FREE) + record(5, 0, SWEEP) + record(9, 1, ALLOC));
    LoggedEvents events = LoggedEvents.read(log, SiteRules.MICROPYTHON);
    assertThat(events.records()).isEqualTo(4);
    HeapLocation one = HeapLocation.of(A);
    // block 1 HEAD (01 at bits 2-3), block 2 TAIL (10 at bits 4-5): 0b00_10_01_00
    Memory headAt1 = tables(0b0010_0100, 0, 0);
    Memory markAt1 = tables(0b0010_1100, 0, 0);
    Memory freeAt1 = tables(0, 0, 0);
    assertThat(events.disagreement(0, headAt1, one)).isNull();
    // the collector marks only while it collects, and allocates nothing then (before: agreed)
    assertThat(events.disagreement(0, markAt1, one))
        .isEqualTo("event 0 (log line 1): alloc of block 1, but snapshot 0 shows the block MARK: the collector marks only"
            + " while it collects, when it allocates nothing; the log and ram.bin disagree here");
    assertThat(events.disagreement(0, freeAt1, one))
        .isEqualTo("event 0 (log line 1): alloc of block 1, but snapshot 0 shows the block FREE, not HEAD: the log and ram.bin disagree here");
    // a free is logged before the block is cleared: still a head
    assertThat(events.disagreement(1, headAt1, one)).isNull();
    // a finaliser run between the mark and the sweep may free a marked head
    assertThat(events.disagreement(1, markAt1, one)).isNull();
    assertThat(events.disagreement(1, freeAt1, one)).contains("free of block 1").contains("FREE, not HEAD");
    // a sweep clears the head first: block 5 (bits 2-3 of the second byte) must be free
    assertThat(events.disagreement(2, tables(0, 0, 0), one)).isNull();
    assertThat(events.disagreement(2, tables(0, 0b0100, 0), one)).contains("sweep of block 5").contains("HEAD, not FREE");
    // past the area's 8 blocks
    assertThat(events.disagreement(3, headAt1, one)).contains("alloc of block 9, past the heap's 8 blocks");
    // no event for this snapshot: nothing to check
    assertThat(events.has(4)).isFalse();
    assertThat(events.disagreement(4, freeAt1, one)).isNull();
  }

  @Test
  void splitHeapBlocksAreHeapBlocksCountedFromTheFirstPool(@TempDir Path tmp) throws Exception {
    Path log = tmp.resolve("mylog.txt");
    // the hook logs heap blocks: B's pool starts 16 blocks after A's (0x300 - 0x200), so B's block 1 is block 17
    Files.writeString(log, record(2, 1, ALLOC) + record(17, 1, ALLOC) + record(2, 0, SWEEP));
    LoggedEvents events = LoggedEvents.read(log, SiteRules.MICROPYTHON);
    HeapLocation split = HeapLocation.of(A, B);
    // block 2 is A's: a head there agrees, a head at B's block 2 does not count
    assertThat(events.disagreement(0, tables(0b01_0000, 0, 0), split)).isNull();
    assertThat(events.disagreement(0, tables(0, 0, 0b01_0000), split)).contains("alloc of block 2, but snapshot 0 shows the block FREE");
    // block 17 is B's block 1 (bits 2-3 of B's byte)
    assertThat(events.disagreement(1, tables(0, 0, 0b0100), split)).isNull();
    assertThat(events.disagreement(1, tables(0, 0, 0), split)).contains("alloc of block 17");
    // a sweep's free: A's block 2 free, whatever B holds
    assertThat(events.disagreement(2, tables(0, 0, 0b01_0000), split)).isNull();
    assertThat(events.disagreement(2, tables(0b01_0000, 0, 0), split)).contains("sweep of block 2");
  }

}
