package io.heapreel.model.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.types.Role;
import org.junit.jupiter.api.Test;

class ObjectTypesTest {
  private static ObjectTypes types(String first) {
    return ObjectTypes.copyOf(new String[] {first, "raw"}, new Role[] {Role.OBJECT, Role.UNKNOWN}, new int[] {-1, -1}, new boolean[] {false, false},
        new int[] {-1, 0});
  }

  @Test
  void equalContentsAreEqual() {
    assertThat(types("list")).isEqualTo(types("list")).hasSameHashCodeAs(types("list"));
    assertThat(types("list")).isNotEqualTo(types("dict"));
    assertThat(types("list").toString()).contains("list", "owner=[-1, 0]");
  }

  @Test
  void callersCannotChangeIt() {
    String[] type = {"list", "raw"};
    int[] owner = {-1, 0};
    ObjectTypes t = ObjectTypes.copyOf(type, new Role[] {Role.OBJECT, Role.UNKNOWN}, new int[] {-1, -1}, new boolean[] {false, false}, owner);
    type[0] = "dict";
    owner[1] = 7;
    assertThat(t.type(0)).isEqualTo("list");
    assertThat(t.owner(1)).isZero();
    assertThat(t).isEqualTo(types("list"));
    assertThat(t.size()).isEqualTo(2);
    assertThat(t.isObject(0)).isTrue();
    assertThat(t.isTupleInstance(0)).isFalse();
  }
}
