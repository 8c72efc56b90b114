package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapreel.model.testing.RealCaptures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run on sample-dumps/mps2-an385-oom, a real capture whose program runs out of heap ('grow
 * MemoryError at 8000': a bytearray of 8000 bytes doubled): run.json and the closing lines name the
 * failed allocation, the bytes asked, its site and the largest free run of the heap it was searched
 * in (SampleOutOfMemoryTest checks those against the program and an independent decoding).
 */
class OutOfMemoryRunTest {
  private static final Path SAMPLE = RealCaptures.checkout().resolve("sample-dumps").resolve("mps2-an385-oom");

  @TempDir Path tmp;

  @Test
  void theRunSummaryAndTheClosingLinesNameTheFailedAllocation() throws Exception {
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("run", "--capture", SAMPLE.toString(), "--out", out.toString(), "--no-report", "--no-progress");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    assertThat(summary.get("warnings")).isEmpty();
    JsonNode failures = summary.get("failed_allocations");
    assertThat(failures).hasSize(1);
    JsonNode f = failures.get(0);
    assertThat(f.get("event").asLong()).isEqualTo(514);
    assertThat(f.get("noticed_at_event").asLong()).isEqualTo(515);
    assertThat(f.get("bytes_asked").asLong()).isEqualTo(16000);
    assertThat(f.get("blocks_asked").asLong()).isEqualTo(1000);
    assertThat(f.get("site_function").asText()).isEqualTo("array_extend");
    assertThat(f.get("site_line").asInt()).isEqualTo(434);
    assertThat(f.get("seen_by").toString()).isEqualTo("[\"memory_error\"]");
    assertThat(f.get("free_blocks").asInt()).isEqualTo(321);
    assertThat(f.get("largest_free_blocks").asInt()).isEqualTo(154);
    assertThat(f.get("largest_free_bytes").asLong()).isEqualTo(154 * 16);
    assertThat(run.out()).contains("failed allocations: 1 (run.json's failed_allocations)\n"
        + "  after event 514: 16,000 bytes (1,000 blocks) by array_extend (../../py/objarray.c:434),"
        + " largest free run 154 blocks (2,464 bytes) of 321 free, MemoryError\n");
  }
}
