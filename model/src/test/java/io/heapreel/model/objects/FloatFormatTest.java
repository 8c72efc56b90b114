package io.heapreel.model.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.capture.BufferMemory;
import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SymbolTable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a float object's value is, from the firmware's own pi constant (the real captures: SampleMps2An500Test). */
class FloatFormatTest {
  private static final long PI_AT = 0x1000;

  private static SymbolTable symbols(long piSize) {
    return new SymbolTable("test", List.of(new Symbol(FloatFormat.PI_SYMBOL, PI_AT, piSize, "")));
  }

  private static BufferMemory rom(int wordSize, boolean isDouble) {
    ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, 0x2a0dc); // the type word
    if (isDouble) {
      b.putDouble(8, Math.PI);
    } else {
      b.putFloat(wordSize, (float) Math.PI);
    }
    return new BufferMemory(PI_AT, b);
  }

  @Test
  void aDoubleOnA32BitBoardIsAtOffset8() {
    FloatFormat f = FloatFormat.find(symbols(16), rom(4, true), 4);
    assertThat(List.of(f.offset(), f.bytes())).containsExactly(8, 8);
    ByteBuffer heap = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(8, 1.0 / 3);
    assertThat(f.value(new BufferMemory(0x2000, heap), 0x2000)).isEqualTo("0.3333333333333333");
  }

  @Test
  void aFloatFollowsTheTypeWordAtEitherWordSize() {
    assertThat(List.of(FloatFormat.find(symbols(8), rom(4, false), 4).offset(), FloatFormat.find(symbols(8), rom(4, false), 4).bytes()))
        .containsExactly(4, 4);
    // 64-bit: a float and its padding make 16 bytes, as a double would; the ROM tells them apart
    assertThat(List.of(FloatFormat.find(symbols(16), rom(8, false), 8).offset(), FloatFormat.find(symbols(16), rom(8, false), 8).bytes()))
        .containsExactly(8, 4);
  }

  @Test
  void withoutRomTheSymbolsSizeTellsA32BitDouble() {
    assertThat(FloatFormat.find(symbols(16), null, 4).bytes()).isEqualTo(8);
    assertThat(FloatFormat.find(symbols(8), null, 4).bytes()).isEqualTo(4);
  }

  @Test
  void withoutThePiConstantAFloatAfterTheTypeWordIsAssumedAndSaidSo() {
    FloatFormat f = FloatFormat.find(new SymbolTable("test", List.of()), null, 4);
    assertThat(List.of(f.offset(), f.bytes())).containsExactly(4, 4);
    assertThat(f.describe()).contains("assumed");
  }

  @Test
  void outsideMemoryThereIsNoValue() {
    assertThat(FloatFormat.find(symbols(16), rom(4, true), 4).value(new BufferMemory(0x2000, ByteBuffer.allocate(8)), 0x2000)).isNull();
  }
}
