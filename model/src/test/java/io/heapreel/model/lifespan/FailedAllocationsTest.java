package io.heapreel.model.lifespan;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.gclog.GcLogParser;
import io.heapreel.model.gclog.LogSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.XZInputStream;

/**
 * Real logs of programs that run out of heap (resources out-of-memory/, README.md there): the
 * failures found are the ones the programs' own MemoryError prints (the .uart.log files) tell, with
 * the bytes they asked for.
 */
class FailedAllocationsTest {
  @TempDir static Path dir;

  /** frag.py: 'frag MemoryError after 108 pairs' (a bytearray(48)'s data) and 'MemoryError bytearray 40000'. */
  @Test
  void fragmentationAndABytearrayTooBigOnTheArmBoard() throws IOException {
    assertThat(failures("arm-frag")).containsExactly(
        "after 610: 48 bytes by array_new, MemoryError", "after 1053: 40000 bytes by array_new, MemoryError");
  }

  /** The same on 64-bit RISC-V with a split heap: there the list of kept pairs could not grow (256 to 512 words). */
  @Test
  void fragmentationAndABytearrayTooBigOnRiscV() throws IOException {
    assertThat(failures("rv-frag")).containsExactly(
        "after 689: 2048 bytes by mp_obj_list_append, MemoryError", "after 960: 40000 bytes by array_new, MemoryError");
  }

  /**
   * lock.py: 'MemoryError locked' leaves nothing in the log (gc_alloc returns at once while the heap
   * is locked); 'disabled MemoryError after 64' is the list of 64 bytearrays growing to 128 words on
   * the 32-bit board, and a 115th bytearray(200) on the 64-bit one.
   */
  @Test
  void aLockedHeapLeavesNoTraceAndADisabledCollectorFailsAtOnce() throws IOException {
    assertThat(failures("arm-lock")).containsExactly("after 310: 512 bytes by mp_obj_list_append, MemoryError");
    assertThat(failures("rv-lock")).containsExactly("after 403: 200 bytes by array_new, MemoryError");
  }

  /** grow.py: 'grow MemoryError at 8000' (16000 wanted), at 16000 on the 64-bit board (32000 wanted); the RuntimeError is no allocation. */
  @Test
  void aGrowthThatCannotBeReallocated() throws IOException {
    assertThat(failures("arm-grow")).containsExactly("after 514: 16000 bytes by array_extend, MemoryError");
    assertThat(failures("rv-grow")).containsExactly("after 473: 32000 bytes by array_extend, MemoryError");
  }

  /**
   * native.py: 'exec MemoryError at 46' / 'at 43'. On the Arm board a new qstr pool of 584 bytes
   * (m_malloc_maybe, after a collection that freed some blocks), after which qstr_add raises with
   * the pool's entry count (80), not bytes: one failure, the bytes gc_alloc was asked for. The later
   * events of the raise print m_malloc_fail's num_bytes as a stale register (553681504, an address):
   * no figure is taken from a value gdb does not vouch for.
   */
  @Test
  void aFailureSeenByItsCollectionAndItsMemoryErrorIsOne() throws IOException {
    assertThat(failures("arm-native")).containsExactly("after 3556: 584 bytes by qstr_add, collection, MemoryError");
    assertThat(failures("rv-native")).containsExactly("after 3204: 1024 bytes by mp_parse, collection, MemoryError");
  }

  /** A collection an allocation starts, after which the allocation succeeds, is no failure (frag.py's traceback, event 614). */
  @Test
  void anAllocationThatSucceedsAfterItsCollectionIsNoFailure() throws IOException {
    List<String> collectedFor = new ArrayList<>();
    replay("arm-frag", new FailedAllocations(SiteRules.MICROPYTHON, f -> {}), (e, a) -> {
      if (a == Action.SWEEP && e.trace().stream().anyMatch(f -> f.function().equals("gc_alloc"))) {
        collectedFor.add(e.index() + " " + e.startBlock());
      }
    });
    assertThat(collectedFor).containsExactly("612 994", "613 995");
  }

  /**
   * frag.py's log as gdb prints it with {@code set print frame-info short-location} (no source
   * files) and no map: the allocator's frames cannot be told, so no site, yet each raise's events
   * are still one failure each (before: one for every event of the MemoryError's making).
   */
  @Test
  void withoutSourceFilesEachFailureIsStillOne() throws IOException {
    Path log = dir.resolve("arm-frag-short.log");
    Files.write(log, Files.readAllLines(unpacked("/out-of-memory/arm-frag.log")).stream()
        .map(l -> l.startsWith("#") ? l.replaceFirst(" at \\S+:\\d+$", "") : l).toList());
    List<String> out = new ArrayList<>();
    FailedAllocations failures = new FailedAllocations(SiteRules.MICROPYTHON, f -> out.add(f.event() + " " + f.bytes() + " " + f.site()));
    GcLogParser.parse(log, LogReplayer.untyped(SiteRules.MICROPYTHON, s -> false, new LogReplayer.Listener() {
      @Override
      public void event(GcEvent event, Action action, int site, int endingBlocks, LiveAllocations shown) {
        failures.event(event, action);
      }

      @Override
      public void end(LogSummary summary) {
        failures.end();
      }
    }));
    assertThat(out).containsExactly("610 -1 -1", "1053 -1 -1");
  }

  /**
   * One allocation's collection in a heap that grows whose added area lies below the first one's
   * pool (the VIRT_RV64 capture of docs/capture-format.md): its sweep goes up the first area's table
   * (blocks 241, 250), then on to the area below (-1790, -1775), then the allocation succeeds. The
   * drop to a block below 0 is the same collection, not a retry that failed (before: a failure
   * "after event 1" warned of, its snapshot with room to spare).
   */
  @Test
  void aSweepGoingOnIntoAnAreaBelowTheFirstIsOneCollection() {
    List<Frame> sweep = frames("gc_sweep_free_blocks", "gc_collect_end", "gc_collect");
    List<Frame> alloc = frames();
    List<String> out = new ArrayList<>();
    FailedAllocations failures = new FailedAllocations(SiteRules.MICROPYTHON, f -> out.add("after " + f.event()));
    int[] blocks = {241, 250, -1790, -1775};
    for (int i = 0; i < blocks.length; i++) {
      failures.event(new GcEvent(i, 10 * i, blocks[i], 0, sweep, false), Action.SWEEP);
    }
    failures.event(new GcEvent(4, 40, 12, 4, alloc, false), Action.ALLOC);
    failures.end();
    assertThat(out).isEmpty();
    // a lower block at or above 0 is another collection of the same call: the first one's retry failed
    failures.event(new GcEvent(5, 50, 241, 0, sweep, false), Action.SWEEP);
    failures.event(new GcEvent(6, 60, 100, 0, sweep, false), Action.SWEEP);
    failures.end();
    assertThat(out).containsExactly("after 5", "after 6");
  }

  /** A trace from the hook through {@code inner} to gc_alloc (128 bytes) and m_malloc under mp_map_rehash. */
  private static List<Frame> frames(String... inner) {
    List<Frame> trace = new ArrayList<>();
    for (String f : inner) {
      trace.add(new Frame(0x100, f, "", "../../py/gc.c", 700, null));
    }
    trace.add(new Frame(0x200, "gc_alloc", "n_bytes=n_bytes@entry=128, alloc_flags=alloc_flags@entry=0", "../../py/gc.c", 950, null));
    trace.add(new Frame(0x300, "m_malloc", "num_bytes=num_bytes@entry=128", "../../py/malloc.c", 86, null));
    trace.add(new Frame(0x400, "mp_map_rehash", "map=map@entry=0x80401000", "../../py/map.c", 140, null));
    return trace;
  }

  private interface EventSink {
    void event(GcEvent e, Action a);
  }

  private static List<String> failures(String name) throws IOException {
    List<String> out = new ArrayList<>();
    replay(name, new FailedAllocations(SiteRules.MICROPYTHON, f -> out.add(String.format("after %d: %d bytes by %s%s%s",
        f.event(), f.bytes(), f.siteFrame() == null ? null : f.siteFrame().function(),
        f.collected() ? ", collection" : "", f.memoryError() ? ", MemoryError" : ""))), (e, a) -> {});
    return out;
  }

  private static void replay(String name, FailedAllocations failures, EventSink also) throws IOException {
    GcLogParser.parse(unpacked("/out-of-memory/" + name + ".log"), LogReplayer.untyped(SiteRules.MICROPYTHON, s -> false, new LogReplayer.Listener() {
      @Override
      public void event(GcEvent event, Action action, int site, int endingBlocks, LiveAllocations shown) {
        failures.event(event, action);
        also.event(event, action);
      }

      @Override
      public void end(LogSummary summary) {
        failures.end();
      }
    }));
  }

  private static Path unpacked(String resource) throws IOException {
    Path target = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
    if (!Files.exists(target)) {
      try (InputStream in = new XZInputStream(FailedAllocationsTest.class.getResourceAsStream(resource + ".xz"))) {
        Files.copy(in, target);
      }
    }
    return target;
  }
}
