package io.heapreel.model.objects;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.Symbol;
import io.heapreel.model.capture.SymbolTable;
import java.util.Optional;

/**
 * The shape of the firmware's qstr pools, which two settings change: MICROPY_QSTR_BYTES_IN_HASH
 * (0 drops the pool's {@code hashes} pointer, so {@code lengths} and {@code qstrs} sit one word
 * earlier) and MICROPY_QSTR_BYTES_IN_LEN (1 or 2 bytes a length). Read from the ROM pool
 * {@code mp_qstr_const_pool} in the flash: which of its words points at {@code
 * mp_qstr_const_lengths}, and at which length size the lengths agree with its NUL-terminated
 * strings.
 *
 * @param hashes whether the pool has the {@code hashes} pointer
 * @param lenBytes bytes of one length, or 0 when the strings could not tell
 */
public record QstrPoolShape(boolean hashes, int lenBytes) {
  /** ROM qstrs compared to tell the length size (the pool holds hundreds). */
  private static final int SAMPLE = 64;

  /**
   * The shape, or empty when the firmware does not show it: no such symbols (older firmware,
   * CircuitPython), no flash image, or a pool none of whose words points at the lengths.
   */
  public static Optional<QstrPoolShape> of(SymbolTable symbols, Memory flash, int wordSize) {
    Optional<Symbol> pool = symbols.find("mp_qstr_const_pool");
    Optional<Symbol> lengths = symbols.find("mp_qstr_const_lengths");
    if (flash == null || pool.isEmpty() || lengths.isEmpty()) {
      return Optional.empty();
    }
    long at = pool.get().address();
    // prev, total_prev_len and is_sorted, alloc, len, [hashes,] lengths, qstrs[]
    int lengthsWord = -1;
    for (int w = 4; w <= 5; w++) {
      if (flash.contains(at + (long) w * wordSize, wordSize) && flash.word(at + (long) w * wordSize, wordSize) == lengths.get().address()) {
        lengthsWord = w;
        break;
      }
    }
    if (lengthsWord < 0 || !flash.contains(at + 3L * wordSize, wordSize)) {
      return Optional.empty();
    }
    long len = flash.word(at + 3L * wordSize, wordSize);
    long qstrs = at + (lengthsWord + 1L) * wordSize;
    return Optional.of(new QstrPoolShape(lengthsWord == 5, lenBytes(flash, wordSize, qstrs, lengths.get().address(), len)));
  }

  /** 1 or 2: the size at which every sampled length is its string's; 0 when neither or both fit. */
  private static int lenBytes(Memory flash, int wordSize, long qstrs, long lengths, long len) {
    int fits = 0;
    int size = 0;
    for (int bytes = 1; bytes <= 2; bytes++) {
      if (lengthsFit(flash, wordSize, qstrs, lengths, Math.min(len, SAMPLE), bytes)) {
        fits++;
        size = bytes;
      }
    }
    return fits == 1 ? size : 0;
  }

  private static boolean lengthsFit(Memory flash, int wordSize, long qstrs, long lengths, long count, int bytes) {
    if (count < 2) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      long slot = qstrs + (long) i * wordSize;
      long at = lengths + (long) i * bytes;
      if (!flash.contains(slot, wordSize) || !flash.contains(at, bytes)) {
        return false;
      }
      int length = bytes == 1 ? flash.u8(at) : flash.u16(at);
      if (strlen(flash, flash.word(slot, wordSize)) != length) {
        return false;
      }
    }
    return true;
  }

  /** Bytes before the NUL, or -1 when there is none within a qstr's longest. */
  private static int strlen(Memory flash, long address) {
    for (int n = 0; n < QstrTable.MAX_QSTR_BYTES && flash.contains(address + n, 1); n++) {
      if (flash.u8(address + n) == 0) {
        return n;
      }
    }
    return -1;
  }
}
