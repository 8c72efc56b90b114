package io.heapreel.model.heap;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.capture.BufferMemory;
import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SymbolTable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Type objects by their symbols, and static ones by what the flash image holds at them. */
class BuiltinTypesTest {
  private static final long FLASH = 0x8000;

  private static SymbolTable symbols() {
    return new SymbolTable("test", List.of(
        new Symbol("mp_type_type", 0x8000, 32, ""),
        new Symbol("mp_type_dict", 0x8020, 32, ""),
        new Symbol("match_type", 0x8040, 32, ""),
        new Symbol("pin_table", 0x8060, 32, ""),
        new Symbol("machine_pin_type", 0x8080, 0, ""),
        new Symbol("helper", 0x80a0, 4, "")));
  }

  /** 0xc0 bytes of flash: each symbol's first word as given. */
  private static BufferMemory flash(long... firstWords) {
    ByteBuffer b = ByteBuffer.allocate(0xc0).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < firstWords.length; i++) {
      b.putInt(i * 0x20, (int) firstWords[i]);
    }
    return new BufferMemory(FLASH, b);
  }

  @Test
  void theSymbolsNameTheMpTypeObjects() {
    BuiltinTypes types = BuiltinTypes.from(symbols());
    assertThat(types.nameAt(0x8020)).isEqualTo("dict");
    assertThat(types.nameAt(0x8040)).isNull();
    assertThat(types.size()).isEqualTo(2);
  }

  @Test
  void aStaticObjectWhoseFirstWordIsTheTypeTypeIsATypeNamedByItsSymbol() {
    // type, dict, match_type, a table of pins, machine_pin_type (size unknown, from a map), a function too small to be a type
    BuiltinTypes types = BuiltinTypes.from(symbols(), flash(0x8000, 0x8000, 0x8000, 0x1234, 0x8000, 0x8000), 4);
    assertThat(types.nameAt(0x8040)).isEqualTo("match");
    assertThat(types.nameAt(0x8080)).isEqualTo("machine_pin");
    assertThat(types.nameAt(0x8060)).as("first word not &mp_type_type").isNull();
    assertThat(types.nameAt(0x80a0)).as("smaller than a type object").isNull();
    assertThat(types.nameAt(0x8020)).isEqualTo("dict");
    assertThat(types.addressOf("type")).isEqualTo(0x8000);
  }

  @Test
  void withoutTheFlashImageOnlyTheMpTypeSymbols() {
    assertThat(BuiltinTypes.from(symbols(), null, 4).size()).isEqualTo(2);
  }

  @Test
  void aSymbolWithoutTheSuffixKeepsItsName() {
    assertThat(BuiltinTypes.staticName("re_type")).isEqualTo("re");
    assertThat(BuiltinTypes.staticName("socket")).isEqualTo("socket");
    assertThat(BuiltinTypes.staticName("_type")).isEqualTo("_type");
  }
}
