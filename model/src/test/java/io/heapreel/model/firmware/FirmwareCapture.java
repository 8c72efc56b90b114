package io.heapreel.model.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.testing.RealCaptures;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A capture made for a test by {@code scripts/capture/capture.sh} on real MicroPython firmware in
 * QEMU, with the ground truth that does not come from heapreel: what the program printed
 * ({@code uart.log}) and what gdb read from the stopped firmware at the end ({@code truth.txt},
 * written by {@code firmware/truth.gdb}).
 *
 * <p>Without the cross compilers, QEMU, gdb or the MicroPython source the tests are skipped with
 * the reason printed; CI installs the tools (scripts/ci/install-capture-tools.sh), so there they run.
 */
record FirmwareCapture(Path folder, FirmwareTruth truth, ProgramOutput printed) {
  private static final String SOURCE = "micropython-1.28.0-src.tar.xz";

  /** Builds (or takes from the cache) the firmware and captures {@code firmware/SCRIPT} on it. */
  static synchronized FirmwareCapture make(String board, String script, int heapKib, boolean splitHeap) {
    Path checkout = RealCaptures.checkout();
    Path source = checkout.getParent().resolve("shared").resolve("firmware").resolve(SOURCE);
    List<String> missing = new ArrayList<>();
    for (String tool : tools(board)) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    if (!Files.isRegularFile(source)) {
      missing.add(source.toString());
    }
    if (!missing.isEmpty()) {
      String reason = "real-firmware tests on " + board + " skipped: missing " + String.join(", ", missing)
          + " (scripts/ci/install-capture-tools.sh installs the tools)";
      System.out.println(reason);
      Assumptions.abort(reason);
    }
    String name = board + "-" + script.replace(".py", "") + (splitHeap ? "-split" : "") + "-" + heapKib + "k";
    Path out = checkout.resolve("model").resolve("target").resolve("firmware-captures").resolve(name);
    List<String> command = new ArrayList<>(List.of(
        "bash", checkout.resolve("scripts/capture/capture.sh").toString(),
        "--board", board, "--script", resource(script).toString(), "--out", out.toString(),
        "--src", source.toString(), "--heap-kib", Integer.toString(heapKib),
        "--at-end", resource("truth.gdb").toString(), "--no-progress"));
    if (splitHeap) {
      command.add("--split-heap");
    }
    try {
      Files.createDirectories(out);
      Path log = out.getParent().resolve(name + ".capture.log");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!process.waitFor(15, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("capture on " + board + " took over 15 minutes; see " + log);
      }
      String said = Files.readString(log);
      System.out.println("real-firmware capture " + name + ": " + said.strip().replace("\n", " | "));
      assertThat(process.exitValue()).as("capture.sh exit code; it said:\n" + said).isZero();
      FirmwareTruth truth = FirmwareTruth.read(out.resolve("truth.txt"));
      return new FirmwareCapture(out, truth, ProgramOutput.read(out.resolve("uart.log"), truth.repr()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * A real capture stored in the checkout's {@code sample-dumps/NAME} (made by capture.sh with
   * {@code --at-end truth.gdb}): ram.bin decompressed into the build folder, the rest linked.
   */
  static synchronized FirmwareCapture sample(String name) {
    try {
      Path folder = RealCaptures.firmwareSample(name);
      FirmwareTruth truth = FirmwareTruth.read(folder.resolve("truth.txt"));
      return new FirmwareCapture(folder, truth, ProgramOutput.read(folder.resolve("uart.log"), truth.repr()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> tools(String board) {
    return switch (board) {
      case "VIRT_RV64" -> List.of("riscv64-unknown-elf-gcc", "qemu-system-riscv64", "gdb-multiarch", "make", "patch");
      case "VIRT_RV32" -> List.of("riscv64-unknown-elf-gcc", "qemu-system-riscv32", "gdb-multiarch", "make", "patch");
      default -> List.of("arm-none-eabi-gcc", "qemu-system-arm", "gdb-multiarch", "make", "patch");
    };
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static Path resource(String name) {
    try {
      return Paths.get(FirmwareCapture.class.getResource("/firmware/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The "GT" lines the workload printed. */
  record ProgramOutput(List<PrintedObject> objects, List<PrintedFloat> floats, long memFree, long memAlloc, String label) {
    /** {@code repr}: the object representation (A, B, C) the ids were printed in. */
    static ProgramOutput read(Path uart, String repr) throws IOException {
      int smallIntBits = repr.equals("B") ? 30 : 31;
      List<PrintedObject> objects = new ArrayList<>();
      List<PrintedFloat> floats = new ArrayList<>();
      long free = -1;
      long alloc = -1;
      String label = null;
      for (String line : Files.readAllLines(uart, StandardCharsets.UTF_8)) {
        String[] w = line.strip().split(" ");
        if (w.length == 6 && w[0].equals("GT") && w[1].equals("obj")) {
          objects.add(new PrintedObject(w[2], w[3], address(Long.decode(w[4]), smallIntBits), Integer.parseInt(w[5])));
        } else if (w.length == 5 && w[0].equals("GT") && w[1].equals("float")) {
          floats.add(new PrintedFloat(w[2], address(Long.decode(w[3]), smallIntBits), Double.parseDouble(w[4])));
        } else if (w.length == 4 && w[0].equals("GT") && w[1].equals("mem")) {
          free = Long.parseLong(w[2]);
          alloc = Long.parseLong(w[3]);
        } else if (w.length == 3 && w[0].equals("GT") && w[1].equals("label")) {
          label = w[2];
        }
      }
      assertThat(free).as("GT mem line in " + uart).isNotNegative();
      return new ProgramOutput(List.copyOf(objects), List.copyOf(floats), free, alloc, label);
    }

    /**
     * The address id() gave. It is MP_OBJ_NEW_SMALL_INT(address) (py/obj.c mp_obj_id), a signed
     * small int of 31 bits on a 32-bit board (30 under MICROPY_OBJ_REPR_B): an address from 2^30
     * up (2^29 under B; the AN500's RAM at 0x60000000, say) prints as itself less 2^31 (2^30).
     */
    private static long address(long id, int smallIntBits) {
      return id < 0 ? id + (1L << smallIntBits) : id;
    }

    PrintedObject object(String name) {
      return objects.stream().filter(o -> o.name().equals(name)).findFirst()
          .orElseThrow(() -> new AssertionError("the program printed no GT obj " + name));
    }
  }

  /** One {@code GT obj NAME TYPE ID SIZE} line: the name in the program, type(x).__name__, id(x), len. */
  record PrintedObject(String name, String pythonType, long address, int size) {}

  /** One {@code GT float NAME ID REPR} line: a float's id(x) and repr(x) as the firmware printed it. */
  record PrintedFloat(String name, long address, double value) {}
}
