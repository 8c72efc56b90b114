package io.heapreel.model.lifespan;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.capture.FirmwareCode;
import io.heapreel.model.capture.MapFileParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.XZInputStream;

/**
 * One program captured twice on the same firmware (MPS2_AN385) by gdb 13: as scripts/capture.gdb
 * prints, and with {@code set print frame-info short-location}, whose frames name no source file
 * (resources gdb-frame-info/, README.md there). The allocator's frames of the second log are told
 * apart by the firmware's map.
 */
class FramesWithoutFilesTest {
  private static final Pattern FRAME = Pattern.compile("^#\\d+\\s+(?:0x[0-9a-f]+ in )?(\\w+) \\(.*\\)(?: at (\\S+):\\d+)?$");
  private static final Set<String> ALLOCATOR_FILES = Set.of("gc.c", "malloc.c");

  @TempDir static Path dir;
  private static Path shortLocation;
  private static FirmwareCode code;
  private static List<String> expectedSites;

  @BeforeAll
  static void unpack() throws IOException {
    shortLocation = unpacked("short-location.log");
    code = MapFileParser.parseAll(unpacked("firmware.map")).code();
    expectedSites = sitesOf(Files.readAllLines(unpacked("default.log")));
  }

  @Test
  void withTheMapTheSitesAreThoseOfTheLogWithFiles() {
    LogReplay replay = LogReplay.read(shortLocation, SiteRules.MICROPYTHON.withFirmware(code));

    assertThat(replay.damage()).isEmpty();
    assertThat(sites(replay)).hasSize(643).isEqualTo(expectedSites);
    assertThat(sites(replay)).contains("mp_obj_new_str_type_from_vstr", "mp_map_rehash", "parser_alloc");
  }

  @Test
  void withoutTheMapNoAllocatorFrameIsCalledTheSite() {
    LogReplay replay = LogReplay.read(shortLocation, SiteRules.MICROPYTHON);

    assertThat(sites(replay)).hasSize(643).containsOnlyNulls();
  }

  @Test
  void theMapPlacesInlinedAndStaticCodeInItsObjectFile() {
    FirmwareCode.Part allocator = code.of(ALLOCATOR_FILES);
    assertThat(allocator.hasFunction("gc_alloc")).isTrue();
    assertThat(allocator.hasFunction("m_malloc0")).isTrue();
    assertThat(allocator.hasFunction("gc_log_change")).as("static: named by its section only").isTrue();
    assertThat(allocator.hasFunction("mp_map_rehash")).isFalse();
    assertThat(code.functionFiles()).containsEntry("gc_collect", "main.o").containsEntry("gc_alloc", "gc.o");
    FirmwareCode.Section gc = code.sections().stream().filter(s -> s.objectFile().equals("gc.o")).findFirst().orElseThrow();
    assertThat(allocator.hasCode(gc.start())).isTrue();
    assertThat(allocator.hasCode(gc.end() - 1)).isTrue();
    FirmwareCode.Section main = code.sections().stream().filter(s -> s.objectFile().equals("main.o")).findFirst().orElseThrow();
    assertThat(allocator.hasCode(main.start())).isFalse();
  }

  /** Each allocation's site function in the order the allocations began, null where none. */
  private static List<String> sites(LogReplay replay) {
    return replay.lifespans().stream()
        .sorted(Comparator.comparingLong(Lifespan::startEvent))
        .map(l -> l.site() < 0 ? null : l.startTrace().get(l.site()).function())
        .toList();
  }

  /**
   * The same from the log whose frames name their files, read here line by line: for each record
   * that starts a lifespan (a length above 0: an allocation, or a resize, which starts the next
   * lifespan of its block), the first frame outside gc.c and malloc.c and the allocator's wrapper
   * functions.
   */
  private static List<String> sitesOf(List<String> lines) {
    List<String> sites = new ArrayList<>();
    List<String[]> trace = new ArrayList<>();
    List<Long> values = new ArrayList<>();
    for (String line : lines) {
      Matcher frame = FRAME.matcher(line);
      if (line.startsWith("Breakpoint 1, ")) {
        trace.clear();
        values.clear();
      } else if (frame.matches()) {
        String file = frame.group(2) == null ? "" : frame.group(2).substring(frame.group(2).lastIndexOf('/') + 1);
        trace.add(new String[] {frame.group(1), file});
      } else if (line.startsWith("$") && values.size() < 2) {
        values.add(Long.decode(line.substring(line.indexOf(" = ") + 3)));
        if (values.size() == 2) {
          if (values.get(1) > 0) {
            sites.add(firstOutsideAllocator(trace));
          }
        }
      }
    }
    return sites;
  }

  private static String firstOutsideAllocator(List<String[]> trace) {
    for (String[] f : trace) {
      if (!ALLOCATOR_FILES.contains(f[1]) && !SiteRules.MICROPYTHON.allocatorFunctions().contains(f[0])) {
        return f[0];
      }
    }
    return null;
  }

  private static Path unpacked(String name) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = new XZInputStream(FramesWithoutFilesTest.class.getResourceAsStream("/gdb-frame-info/" + name + ".xz"))) {
      Files.copy(in, target);
    }
    return target;
  }
}
