package io.heapreel.model.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.types.Role;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaletteTest {
  @Test
  void everyRoleHasItsOwnEntryAndItsClassIsInTheLegend() {
    Set<Integer> legend = new HashSet<>();
    Palette.LEGEND.forEach(e -> legend.add(e.index()));
    for (Role role : Role.values()) {
      assertThat(Palette.roleColours()).as(role.label()).containsKey(role);
      if (role != Role.OBJECT) {
        int index = Palette.indexOf(ColourClass.raw(role));
        assertThat(index).as(role.label()).isEqualTo(Palette.roleColours().get(role));
        assertThat(legend).as("legend entry for " + role.label()).contains(index);
      }
    }
  }

  @Test
  void rolesAreLookedUpByTheirExactName() {
    // a part-of-name match painted these as list items and map tables
    assertThat(Palette.indexOf(ColourClass.raw(Role.BYTEARRAY_DATA))).isEqualTo(Palette.RAW_BYTES);
    assertThat(Palette.indexOf(ColourClass.raw(Role.QSTR_TABLE))).isEqualTo(Palette.RAW_QSTR);
    assertThat(Palette.indexOf(ColourClass.raw(Role.CHILD_TABLE))).isEqualTo(Palette.RAW_ITEMS);
    assertThat(Palette.indexOf(ColourClass.raw(Role.PARSE_CHUNK))).isEqualTo(Palette.RAW_PARSER);
    assertThat(Palette.indexOf(ColourClass.raw(Role.COMPILER_SCOPE))).isEqualTo(Palette.RAW_COMPILER);
    assertThat(Palette.indexOf(ColourClass.raw(Role.CODE_STATE))).isEqualTo(Palette.RAW_CALL);
    assertThat(Palette.indexOf(new ColourClass(ColourClass.Kind.RAW, "not a role"))).isEqualTo(Palette.RAW_OTHER);
  }

  @Test
  void legendColoursAreDistinctAndModuleIsNoLongerABytecodePink() {
    Set<Integer> rgb = new HashSet<>();
    Palette.LEGEND.forEach(e -> assertThat(rgb.add(Palette.rgb(e.index()))).as(e.label()).isTrue());
    int module = Palette.rgb(Palette.MODULE);
    int code = Palette.rgb(Palette.RAW_CODE);
    int distance = Math.abs((module >> 16) - (code >> 16)) + Math.abs(((module >> 8) & 0xFF) - ((code >> 8) & 0xFF))
        + Math.abs((module & 0xFF) - (code & 0xFF));
    assertThat(distance).isGreaterThan(200);
  }
}
