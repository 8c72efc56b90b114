package io.heapreel.model.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.testing.RealCaptures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolTableTest {
  /**
   * Names and addresses that collide the ways a firmware's do: a static function of the same name in
   * two files (the first wins by name, the second still owns its address); a linker-assigned label
   * without a size before a sized symbol at its address (the sized one wins the address), and a later
   * sized one there too (the first sized one stays).
   */
  private static final List<Symbol> COLLIDING = List.of(
      new Symbol("helper", 0x100, 0x10, ".text.helper"),
      new Symbol("_stext", 0x200, 0, ".text"),
      new Symbol("mp_init", 0x200, 0x40, ".text.mp_init"),
      new Symbol("mp_init_alias", 0x200, 0x8, ".text.mp_init"),
      new Symbol("helper", 0x300, 0x20, ".text.helper"),
      new Symbol("mp_state_ctx", 0x20000010, 0x2ac, ".bss.mp_state_ctx"));

  @Test
  void aSerializedTableAnswersEveryLookupAsTheOriginal() throws Exception {
    SymbolTable table = new SymbolTable("firmware.map", COLLIDING);
    SymbolTable copy = roundTrip(table);

    assertSameLookups(copy, table);
    // what the rules above give, written out
    assertThat(copy.find("helper")).contains(COLLIDING.get(0));
    assertThat(copy.containing(0x300)).contains(COLLIDING.get(4));
    assertThat(copy.containing(0x200)).contains(COLLIDING.get(2));
    assertThat(copy.describe(0x20000020)).contains("mp_state_ctx+16");
  }

  @Test
  void theDevFirmwaresTableSurvivesSerialization() throws Exception {
    SymbolTable table = MapFileParser.parse(RealCaptures.sampleFolder("dev").resolve("firmware.map"));
    SymbolTable copy = roundTrip(table);

    assertSameLookups(copy, table);
  }

  @Test
  void anEmptyTableStaysEmpty() throws Exception {
    SymbolTable copy = roundTrip(SymbolTable.empty());

    assertThat(copy.size()).isZero();
    assertThat(copy.containing(0)).isEmpty();
    assertThat(copy.source()).isEqualTo("no symbols");
  }

  private static void assertSameLookups(SymbolTable copy, SymbolTable table) {
    assertThat(copy.source()).isEqualTo(table.source());
    assertThat(copy.size()).isEqualTo(table.size());
    assertThat(new ArrayList<>(copy.all())).containsExactlyElementsOf(table.all());
    List<Long> probes = new ArrayList<>();
    for (Symbol s : COLLIDING) {
      probes.add(s.address());
    }
    for (Symbol s : table.all()) {
      assertThat(copy.find(s.name())).contains(s);
      probes.add(s.address());
      probes.add(s.address() + 1);
      probes.add(s.end());
    }
    for (long address : probes) {
      assertThat(copy.containing(address)).as("0x%x", address).isEqualTo(table.containing(address));
    }
  }

  private static SymbolTable roundTrip(SymbolTable table) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(table);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (SymbolTable) in.readObject();
    }
  }
}
