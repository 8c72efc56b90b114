package io.heapreel.model.objects;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The word encodings of py/obj.h (v1.28), written here from its MP_OBJ_NEW_* macros. */
class ObjectReprTest {
  @Test
  void representationAReadsSmallIntsAndQstrs() {
    assertThat(ObjectRepr.A.isSmallInt(0xfffffffbL)).isTrue();
    assertThat(ObjectRepr.A.smallInt(0xfffffffbL, 4)).isEqualTo(-3); // ((mp_uint_t)-3 << 1) | 1
    assertThat(ObjectRepr.A.smallInt((123456789L << 1) | 1, 8)).isEqualTo(123456789);
    assertThat(ObjectRepr.A.isQstr((23 << 3) | 2)).isTrue();
    assertThat(ObjectRepr.A.qstr((23 << 3) | 2)).isEqualTo(23);
    assertThat(ObjectRepr.A.isQstr((23 << 3) | 3)).isFalse();
    assertThat(ObjectRepr.A.isQstr((23 << 4) | 6)).isFalse();
  }

  @Test
  void representationBHasTwoTagBitsForSmallIntsAndOddQstrs() {
    // MP_OBJ_NEW_SMALL_INT(v) = (v << 2) | 1, MP_OBJ_NEW_QSTR(q) = (q << 3) | 3
    assertThat(ObjectRepr.B.isSmallInt(0xfffffff5L)).isTrue();
    assertThat(ObjectRepr.B.smallInt(0xfffffff5L, 4)).isEqualTo(-3);
    assertThat(ObjectRepr.B.smallInt((1000L << 2) | 1, 4)).isEqualTo(1000);
    assertThat(ObjectRepr.B.smallInt(0x7ffffffdL, 4)).isEqualTo((1 << 29) - 1);
    assertThat(ObjectRepr.B.isSmallInt((23 << 3) | 3)).isFalse();
    assertThat(ObjectRepr.B.isQstr((23 << 3) | 3)).isTrue();
    assertThat(ObjectRepr.B.qstr((23 << 3) | 3)).isEqualTo(23);
    assertThat(ObjectRepr.B.isQstr((23 << 3) | 2)).isFalse();
  }

  @Test
  void representationCKeepsQstrsBelowTheFloatsAndFitsOnly32BitWords() {
    // MP_OBJ_NEW_QSTR(q) = (q << 4) | 6; mp_obj_new_float(1.5f) = ((0x3fc00000 & ~3) | 2) + 0x80800000
    long q = (0x2aaL << 4) | 6;
    long onePointFive = (0x3fc00002L + 0x80800000L) & 0xffffffffL;
    assertThat(ObjectRepr.C.isQstr(q)).isTrue();
    assertThat(ObjectRepr.C.qstr(q)).isEqualTo(0x2aa);
    assertThat(ObjectRepr.C.isQstr(onePointFive)).isFalse();
    assertThat(ObjectRepr.C.isSmallInt(onePointFive)).isFalse();
    assertThat(ObjectRepr.C.isQstr(0xe)).as("None, an immediate object (0 << 4) | 0xe").isFalse();
    assertThat(ObjectRepr.C.smallInt(0xfffffffbL, 4)).isEqualTo(-3);
    assertThat(ObjectRepr.C.fits(4)).isTrue();
    assertThat(ObjectRepr.C.fits(8)).isFalse();
    assertThat(ObjectRepr.A.fits(8)).isTrue();
  }

  @Test
  void representationCReadsFloatsHeldInTheWord() {
    // py/obj.h: MP_OBJ_NEW_CONST_FLOAT(f) = (((f & ~3) | 2) + 0x80800000), read back with the two
    // dropped bits copied from the two above them; pi is 0x40490fdb, read back as 0x40490fda
    long onePointFive = (0x3fc00002L + 0x80800000L) & 0xffffffffL;
    long pi = ((0x40490fdbL & ~3L) | 2) + 0x80800000L & 0xffffffffL;
    assertThat(ObjectRepr.C.isInlineFloat(onePointFive)).isTrue();
    assertThat(ObjectRepr.C.inlineFloat(onePointFive)).isEqualTo(1.5f);
    assertThat(ObjectRepr.C.inlineFloat(pi)).isEqualTo(Float.intBitsToFloat(0x40490fda));
    assertThat(ObjectRepr.C.isInlineFloat((0x2aaL << 4) | 6)).as("a qstr").isFalse();
    assertThat(ObjectRepr.C.isInlineFloat(0xe)).as("None").isFalse();
    assertThat(ObjectRepr.C.isInlineFloat(0x21000610L)).as("a pointer").isFalse();
    assertThat(ObjectRepr.A.isInlineFloat(onePointFive)).as("A boxes every float").isFalse();
  }
}
