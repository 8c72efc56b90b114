package io.heapreel.model.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.Snapshot;
import io.heapreel.model.open.WordSize;
import io.heapreel.model.open.WordSizeFinder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The word size from the flag, the ELF class, the map's OUTPUT format and the heap geometry in RAM. */
class WordSizeFinderTest {
  private static final long RAM = 0x20000000L;
  private static final RamSpan SPAN = new RamSpan(RAM, RAM + 0x4000);

  /** RAM whose only area descriptor is made of words of {@code wordSize} bytes. */
  private static List<Snapshot> heapOf(int wordSize) {
    HeapArea heap = HeapGeometry.area(RAM + 0x1000, RAM + 0x4000, wordSize, true, HeapGeometry.Formula.MICROPYTHON);
    return List.of(new TestRam(RAM, 0x4000).descriptor(RAM + 0x88, heap).snapshot());
  }

  private static List<Snapshot> noDescriptor() {
    return List.of(new TestRam(RAM, 0x4000).snapshot());
  }

  @Test
  void theAreaDescriptorFitsOneWordSizeOnly() {
    WordSize eight = new WordSizeFinder().decide(heapOf(8), SPAN);
    assertThat(eight.bytes()).isEqualTo(8);
    assertThat(eight.source()).contains("area-descriptor scan").contains("0x20000088");
    assertThat(new WordSizeFinder().decide(heapOf(4), SPAN).bytes()).isEqualTo(4);
  }

  @Test
  void theMapsOutputFormatDecidesForAnyArchitecture() {
    assertThat(WordSizeFinder.ofFormat("elf64-littleriscv")).isEqualTo(8);
    assertThat(WordSizeFinder.ofFormat("elf64-x86-64")).isEqualTo(8);
    assertThat(WordSizeFinder.ofFormat("elf64-littleaarch64")).isEqualTo(8);
    assertThat(WordSizeFinder.ofFormat("elf32-littlearm")).isEqualTo(4);
    assertThat(WordSizeFinder.ofFormat("elf32-i386")).isEqualTo(4);
    assertThat(WordSizeFinder.ofFormat("binary")).isNull();
    assertThat(WordSizeFinder.ofFormat(null)).isNull();
    WordSizeFinder finder = new WordSizeFinder().claim(8, "the OUTPUT format elf64-littleriscv of firmware.map");
    WordSize found = finder.decide(noDescriptor(), SPAN);
    assertThat(found).isEqualTo(new WordSize(8, "the OUTPUT format elf64-littleriscv of firmware.map"));
    assertThat(finder.warnings()).isEmpty();
  }

  @Test
  void theFirstSourceDecidesAndEveryDisagreementIsNamed() {
    WordSizeFinder finder = new WordSizeFinder().claim(null, "--word-size null").claim(4, "the ELF class").claim(8, "the OUTPUT format");
    assertThat(finder.decide(noDescriptor(), SPAN).bytes()).isEqualTo(4);
    assertThat(finder.warnings()).singleElement().asString().contains("the ELF class says 4-byte words").contains("the OUTPUT format says 8");
  }

  @Test
  void aGivenWordSizeTheGeometryContradictsIsRefused() {
    WordSizeFinder finder = new WordSizeFinder().claim(8, "--word-size 8").claim(4, "the OUTPUT format elf32-littlearm");
    assertThatThrownBy(() -> finder.decide(heapOf(4), SPAN))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("does not fit 8-byte words")
        .hasMessageContaining("32-bit descriptor at 0x20000088")
        .hasMessageContaining("--word-size 4");
  }

  @Test
  void aGivenWordSizeThatFitsOverridesTheMapWithAWarning() {
    WordSizeFinder finder = new WordSizeFinder().claim(8, "--word-size 8").claim(4, "the OUTPUT format elf32-littlearm");
    assertThat(finder.decide(heapOf(8), SPAN).bytes()).isEqualTo(8);
    assertThat(finder.warnings()).singleElement().asString().contains("--word-size 8").contains("elf32-littlearm");
  }

  @Test
  void aSymbolFileTheGeometryContradictsIsRefusedToo() {
    WordSizeFinder finder = new WordSizeFinder().claim(4, "the ELF class of firmware.elf (32-bit)");
    assertThatThrownBy(() -> finder.decide(heapOf(8), SPAN))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("firmware.elf")
        .hasMessageContaining("pass --word-size 8");
  }

  @Test
  void withNoSourceAtAllFourBytesIsTheDefaultAndSaysSo() {
    WordSize found = new WordSizeFinder().decide(noDescriptor(), SPAN);
    assertThat(found.bytes()).isEqualTo(4);
    assertThat(found.source()).contains("default");
  }
}
