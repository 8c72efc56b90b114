package io.heapreel.model.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.objects.HeapObject;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.objects.ObjectSnapshot;
import io.heapreel.model.open.Capture;
import io.heapreel.model.testing.RealCaptures;
import io.heapreel.model.types.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * sample-dumps/mps2-an385-native: a {@code @micropython.native}, a {@code @micropython.viper} and a
 * bytecode function, and a native function made by {@code exec}, on MPS2_AN385. A raw code's
 * {@code fun_data} is bytecode or machine code by its {@code kind}; the blocks of each are told
 * apart here by what allocated them, read from the log with a regular expression of this test's
 * own: the native emitter's code buffer ({@code mp_asm_base_start_pass}) against the bytecode
 * emitter's ({@code mp_emit_bc_end_pass}). The roles come from memory alone (no allocation sites).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleNativeCodeTest {
  private static final String NAME = "mps2-an385-native";
  private static final Pattern HIT = Pattern.compile("^Breakpoint \\d+, gc_log_change \\(start_block=(\\d+), length=(\\d+)\\)");
  private static final Pattern FRAME = Pattern.compile("^#\\d+\\s+(?:0x[0-9a-f]+ in )?(\\w+) \\(");
  private Path folder;
  private Capture capture;

  @BeforeAll
  void open() throws IOException {
    folder = RealCaptures.firmwareSample(NAME);
    capture = Capture.open(folder);
  }

  @AfterAll
  void close() {
    if (capture != null) {
      capture.close();
    }
  }

  @Test
  void theProgramRanItsNativeFunctions() throws IOException {
    assertThat(Files.readAllLines(folder.resolve("uart.log"))).anyMatch(l -> l.startsWith("native 42 "));
  }

  @Test
  void machineCodeIsNativeCodeAndBytecodeIsBytecodeFromMemoryAlone() throws IOException {
    long last = capture.snapshots().count() - 1;
    Map<Integer, List<String>> allocatedBy = latestAllocations(folder.resolve("mylog.txt"), last);
    ObjectSnapshot objects = ObjectInspector.of(capture).inspect(capture.snapshots().snapshot(last));
    int machineCode = 0;
    int bytecode = 0;
    for (HeapObject o : objects.objects()) {
      List<String> frames = allocatedBy.getOrDefault(o.block(), List.of());
      if (frames.contains("mp_asm_base_start_pass")) {
        machineCode++;
        assertThat(o.role()).as("block %d, allocated by %s", o.block(), frames).isEqualTo(Role.NATIVE_CODE);
      } else if (frames.contains("mp_emit_bc_end_pass")) {
        bytecode++;
        assertThat(o.role()).as("block %d, allocated by %s", o.block(), frames).isEqualTo(Role.BYTECODE);
      } else {
        assertThat(o.role()).as("block %d, allocated by %s", o.block(), frames).isNotIn(Role.NATIVE_CODE, Role.BYTECODE);
      }
    }
    // the native and viper functions and the exec'd one; the module's and byte_sum's bytecode
    assertThat(machineCode).isEqualTo(3);
    assertThat(bytecode).isEqualTo(2);
  }

  /** The frames' functions of the latest allocation (length > 0) at each start block, up to record {@code last}. */
  private static Map<Integer, List<String>> latestAllocations(Path log, long last) throws IOException {
    Map<Integer, List<String>> byBlock = new HashMap<>();
    long record = -1;
    int block = -1;
    List<String> frames = null;
    for (String line : Files.readAllLines(log)) {
      Matcher hit = HIT.matcher(line);
      if (hit.find()) {
        record++;
        if (record > last) {
          break;
        }
        boolean alloc = Integer.parseInt(hit.group(2)) > 0;
        block = Integer.parseInt(hit.group(1));
        frames = alloc ? new ArrayList<>() : null;
        if (alloc) {
          byBlock.put(block, frames);
        }
        continue;
      }
      Matcher frame = FRAME.matcher(line);
      if (frames != null && frame.find()) {
        frames.add(frame.group(1));
      }
    }
    return byBlock;
  }
}
