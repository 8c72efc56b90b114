package io.heapreel.model.open;

import io.heapreel.model.capture.CaptureFiles;
import io.heapreel.model.capture.ByteSource;
import io.heapreel.model.heap.AddressRange;
import io.heapreel.model.heap.HeapGeometry;
import java.util.List;

/**
 * Everything needed to open a capture: its files and how to read them. Optional numbers are null
 * when not given (then they come from symbols or defaults).
 *
 * @param ramStart overrides {@code ramStartSymbol}
 * @param ramEnd overrides {@code ramEndSymbol}
 * @param wordSize 4 or 8; null takes it from the ELF, else 4
 * @param bytesPerBlock block size of heap areas known only as ranges; null finds it from the data
 * @param romBase load address of firmware.bin; null takes {@code _sfixed}, else 0
 * @param ramSource the RAM dumps read by byte ranges from a filesystem (a URI) instead of {@code
 *     files.ram()}; null for a local file
 */
public record CaptureSpec(
    CaptureFiles files,
    String ramStartSymbol,
    String ramEndSymbol,
    Long ramStart,
    Long ramEnd,
    Integer wordSize,
    List<AddressRange> heapAreas,
    boolean finaliser,
    HeapGeometry.Formula heapFormula,
    Integer bytesPerBlock,
    Long romBase,
    ByteSource ramSource) {
  public static final String DEFAULT_RAM_START_SYMBOL = "_srelocate";
  public static final String DEFAULT_RAM_END_SYMBOL = "_estack";

  public CaptureSpec {
    heapAreas = List.copyOf(heapAreas);
  }

  public static CaptureSpec of(CaptureFiles files) {
    return new CaptureSpec(
        files, DEFAULT_RAM_START_SYMBOL, DEFAULT_RAM_END_SYMBOL, null, null, null, List.of(), true,
        HeapGeometry.Formula.MICROPYTHON, null, null, null);
  }

  public CaptureSpec withHeapAreas(List<AddressRange> areas) {
    return new CaptureSpec(files, ramStartSymbol, ramEndSymbol, ramStart, ramEnd, wordSize, areas, finaliser, heapFormula, bytesPerBlock, romBase, ramSource);
  }

}
