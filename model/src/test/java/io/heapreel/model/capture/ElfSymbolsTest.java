package io.heapreel.model.capture;

import io.heapreel.model.error.CaptureException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the symbol table of an ELF that the test compiles with the machine's C compiler. */
class ElfSymbolsTest {
  @TempDir Path dir;

  private Path compile() throws IOException, InterruptedException {
    Path source = dir.resolve("fw.c");
    Files.writeString(
        source,
        """
        unsigned int heap[64];
        struct { int a; int b[9]; } mp_state_ctx;
        const struct { const void *base; unsigned short flags, name; } mp_type_dict = {0, 0, 7};
        static unsigned int private_table[5];
        unsigned int *touch(void) { return private_table; }
        """);
    Path elf = dir.resolve("fw.elf");
    Process cc;
    try {
      cc = new ProcessBuilder("cc", "-c", "-O0", "-o", elf.toString(), source.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "no C compiler (cc) on this machine: ELF test skipped");
      throw e;
    }
    assumeTrue(cc.waitFor(60, TimeUnit.SECONDS) && cc.exitValue() == 0, "cc could not compile the test ELF: skipped");
    return elf;
  }

  @Test
  void readsObjectSymbolsWithSizes() throws Exception {
    ElfSymbols.Result r = ElfSymbols.read(compile());
    SymbolTable t = r.symbols();
    assertThat(t.find("heap")).map(Symbol::size).hasValue(256L);
    assertThat(t.find("mp_state_ctx")).map(Symbol::size).hasValue(40L);
    assertThat(t.find("mp_type_dict")).map(Symbol::size).hasValue((long) (r.wordSize() == 8 ? 16 : 8));
    assertThat(t.find("private_table")).map(Symbol::size).hasValue(20L);
    assertThat(t.find("touch")).isPresent();
    assertThat(r.wordSize()).isIn(4, 8);
  }

  @Test
  void refusesAFileThatIsNotElf() throws IOException {
    Path notElf = Files.writeString(dir.resolve("firmware.elf"), "not an elf at all, just text");
    assertThatThrownBy(() -> ElfSymbols.read(notElf))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("firmware.elf");
  }
}
