package io.heapreel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapreel.model.testing.RealCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect --json} and the object table on the real dev capture, as a user runs them. */
class InspectObjectsTest {
  @TempDir Path dir;

  @Test
  void jsonDocumentOfTheLastSnapshot() throws IOException {
    CliRun run = CliRun.of("inspect", "--capture", RealCaptures.dev().toString(), "--snapshot", "last", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.get("snapshot").asLong()).isEqualTo(2736);
    assertThat(doc.get("object_repr").asText()).isEqualTo("MICROPY_OBJ_REPR_A");
    JsonNode objects = doc.get("objects");
    // reference_stats.csv: 365 heads in the last snapshot
    assertThat(objects).hasSize(365);
    Set<String> addresses = new HashSet<>();
    for (JsonNode o : objects) {
      addresses.add(o.get("address").asText());
      for (String field : new String[] {"address", "block", "blocks", "type", "role", "name", "preview", "reachable", "retained_blocks",
          "dominator", "refs"}) {
        assertThat(o.has(field)).as(field).isTrue();
      }
      String type = o.get("type").asText();
      if (type.equals("dict") || type.equals("Sensor") || type.equals("Label")) {
        assertThat(o.has("keys")).as("keys of " + type).isTrue();
      }
      assertThat(o.get("role").asText().equals("object")).isEqualTo(!type.equals("raw"));
    }
    for (JsonNode o : objects) {
      for (JsonNode r : o.get("refs")) {
        assertThat(addresses).contains(r.get("target").asText());
      }
    }
    assertThat(doc.get("roots")).anySatisfy(r -> {
      assertThat(r.get("name").asText()).isEqualTo("mp_state_ctx+104");
      assertThat(r.get("address").asText()).isEqualTo("0x20000078");
      assertThat(addresses).contains(r.get("target").asText());
    });
  }

  @Test
  void readableTableGroupsByType() {
    CliRun run = CliRun.of("inspect", "--capture", RealCaptures.dev().toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Blocks by built-in type", "Objects (layout micropython-v1.2x): 365 allocations", "Largest objects");
    assertThat(run.out()).containsPattern("(?m)^  Sensor +3 +3 +48 +0$");
    assertThat(run.out()).containsPattern("(?m)^  raw:bytearray_data +2 +198 ");
    // the program's globals (dict_main's table) keep the most alive; DevTools' own figures for the
    // same graph are checked in the model's RetainedSizesDevToolsTest
    assertThat(run.out()).containsPattern("(?m)^Largest retainers .*\\n  0x20002da0 +299 retained +24 own raw:map_table ");
  }

  /** sample-dumps/mps2-an385-repr-b, firmware built with MICROPY_OBJ_REPR_B, which gdb's truth.txt of the capture names. */
  @Test
  void jsonNamesTheObjectRepresentation() throws IOException {
    Path sample = RealCaptures.checkout().resolve("sample-dumps").resolve("mps2-an385-repr-b");
    CliRun run = CliRun.of("inspect", "--capture", sample.toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.get("object_repr").asText()).isEqualTo("MICROPY_OBJ_REPR_B");
    assertThat(doc.get("object_repr_from").asText()).contains("dict_main");
  }

  @Test
  void aBadLayoutFileIsAUserError() throws IOException {
    Path layout = dir.resolve("broken.layout");
    Files.writeString(layout, "family x\nfield str.len nine\n");
    CliRun run = CliRun.of("inspect", "--capture", RealCaptures.dev().toString(), "--layout", layout.toString(), "--json");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("heapreel: ").contains("broken.layout:2").doesNotContain("Exception");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void theOlderLayoutCanBeForcedAndDoesNotCrash() {
    CliRun run = CliRun.of("inspect", "--capture", RealCaptures.dev().toString(), "--layout", "circuitpython-old", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"layout\" : \"circuitpython-old\"");
  }

  /**
   * With the log, blocks no owner claims take the role of their allocation site, as run's tables
   * have them: the site of the last record that allocated the block, read from the log with a
   * regular expression (LogSites), and its role from the site table read as text (SiteTable).
   */
  @Test
  void blocksNoOwnerClaimsTakeTheRoleOfTheirAllocationSite() throws IOException {
    Path capture = RealCaptures.dev();
    CliRun withLog = CliRun.of("inspect", "--capture", capture.toString(), "--snapshot", "last", "--json");
    CliRun memoryOnly = CliRun.of("inspect", "--capture", capture.toString(), "--snapshot", "last", "--json", "--no-log");
    assertThat(withLog.exitCode()).as(withLog.err()).isZero();
    assertThat(memoryOnly.exitCode()).as(memoryOnly.err()).isZero();
    JsonNode logged = new ObjectMapper().readTree(withLog.out());
    JsonNode unlogged = new ObjectMapper().readTree(memoryOnly.out());
    assertThat(unlogged.get("counts").get("unknown").asInt()).isEqualTo(2);
    assertThat(logged.get("counts").get("unknown").asInt()).isZero();

    Path log = RealCaptures.referenceFile("dev", "mylog.txt");
    List<String> sites = LogSites.read(log);
    Map<Integer, String> lastSiteAtBlock = new HashMap<>();
    Pattern hit = Pattern.compile("^Breakpoint 1, gc_log_change \\(start_block=(\\d+), length=(\\d+)\\)");
    int record = 0;
    for (String line : Files.readAllLines(log)) {
      Matcher m = hit.matcher(line);
      if (m.find()) {
        if (Integer.parseInt(m.group(2)) > 0) {
          lastSiteAtBlock.put(Integer.parseInt(m.group(1)), sites.get(record));
        }
        record++;
      }
    }
    Map<String, String> siteRoles = SiteTable.builtIn();
    int bySite = 0;
    for (int i = 0; i < logged.get("objects").size(); i++) {
      JsonNode o = logged.get("objects").get(i);
      JsonNode fromMemory = unlogged.get("objects").get(i);
      assertThat(o.get("address")).isEqualTo(fromMemory.get("address"));
      if (!"site".equals(o.get("type_source").asText())) {
        assertThat(o.get("role")).as("role of %s", o.get("address")).isEqualTo(fromMemory.get("role"));
        continue;
      }
      bySite++;
      assertThat(fromMemory.get("role").asText()).isEqualTo("unknown");
      String site = lastSiteAtBlock.get(o.get("block").asInt());
      assertThat(site).as("the log allocated block %s", o.get("block")).isNotNull();
      assertThat(o.get("role").asText()).as("role of %s, allocated at %s", o.get("address"), site)
          .isEqualTo(siteRoles.get(site.substring(0, site.indexOf(' '))));
    }
    assertThat(bySite).isEqualTo(2);
    assertThat(withLog.out()).doesNotContain("\"type_source\" : null");
  }
}
