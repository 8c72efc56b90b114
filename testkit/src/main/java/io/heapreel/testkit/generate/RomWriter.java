package io.heapreel.testkit.generate;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Builds {@code firmware.bin}: flash from {@code _sfixed}, holding the built-in type objects
 * ({@code mp_obj_type_t}: base pointing at {@code mp_type_type}, flags, name qstr, slot indices)
 * and the ROM qstr pool in the v1.28 layout ({@code prev, total_prev_len:31|is_sorted:1, alloc,
 * len, hashes, lengths, qstrs[]}) with its hash and length arrays and NUL-terminated strings.
 * Code is left as zero bytes.
 */
final class RomWriter {
  /** Type names whose {@code name} qstr is not the symbol's suffix. */
  private static final Map<String, String> TYPE_NAMES =
      Map.of("fun_bc", "function", "fun_builtin_1", "function", "bound_meth", "bound_method");

  private RomWriter() {}

  static Image build(FirmwareLayout layout) {
    Image rom = new Image(FirmwareLayout.FLASH, (int) layout.romEnd, layout.w);
    RomQstrs qstrs = layout.romQstrs;
    long typeType = layout.type("type");
    int w = layout.w;
    for (String[] t : FirmwareLayout.TYPES) {
      long at = layout.type(t[0]);
      rom.putWord(at, typeType);
      rom.putU16(at + w, 0);
      rom.putU16(at + layout.typeName, qstrs.find(TYPE_NAMES.getOrDefault(t[0], t[0])));
    }
    long pool = layout.address("mp_qstr_const_pool");
    long lengths = layout.address("mp_qstr_const_lengths");
    long hashes = layout.address("mp_qstr_const_hashes");
    long strings = layout.address("mp_qstr_const_strings");
    int n = qstrs.count();
    rom.putWord(pool, 0); // prev: the first pool
    rom.putWord(pool + w, 0); // total_prev_len 0, not sorted
    rom.putWord(pool + 2L * w, n);
    rom.putWord(pool + 3L * w, n);
    rom.putWord(pool + 4L * w, hashes);
    rom.putWord(pool + 5L * w, lengths);
    for (int q = 0; q < n; q++) {
      byte[] text = qstrs.text(q).getBytes(StandardCharsets.UTF_8);
      rom.putWord(pool + 6L * w + (long) w * q, strings);
      rom.putBytes(strings, text);
      rom.putU8(strings + text.length, 0);
      rom.putU8(lengths + q, text.length);
      rom.putU16(hashes + 2L * q, RomQstrs.hash(text));
      strings += text.length + 1;
    }
    return rom;
  }
}
