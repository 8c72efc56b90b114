package io.heapreel.pipeline;

import io.heapreel.model.open.Capture;
import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.RamSpan;
import io.heapreel.model.capture.RomImage;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.capture.SymbolTable;
import io.heapreel.model.open.WordSize;
import io.heapreel.model.objects.Layout;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.heap.BuiltinTypes;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.heap.HeapLocation;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * What the launcher learns once from a capture (where the heap is, the built-in types, the RAM span)
 * and hands to every worker, so no worker searches again. Paths are strings: workers open the files
 * themselves.
 *
 * @param logFile the gdb log, or null when the capture has none
 * @param snapshotCount whole snapshots in {@code ramFile}
 * @param snapshotsPerPart reading starts cheaply at multiples of this many snapshots (1 for a plain
 *     ram.bin, a block's worth for a compressed one, all of them for one compressed block)
 */
public record CaptureFacts(
    String ramFile,
    String logFile,
    RamSpan span,
    long snapshotCount,
    long snapshotsPerPart,
    WordSize wordSize,
    HeapLocation heap,
    BuiltinTypes types,
    SymbolTable symbols,
    Layout layout,
    String romFile,
    long romBase,
    String elfFile) implements Serializable {

  /**
   * @param layout the object layout for key frames, or null when none fits (no object tables)
   */
  public static CaptureFacts of(Capture capture, Layout layout) {
    Path log = capture.files().log();
    return new CaptureFacts(
        capture.spec().ramSource() != null ? capture.spec().ramSource().name() : capture.files().ram().toAbsolutePath().toString(),
        log == null ? null : log.toAbsolutePath().toString(),
        capture.ram(),
        capture.snapshots().count(),
        capture.snapshots().snapshotsPerPart(),
        capture.wordSizeFound(),
        capture.heap(),
        capture.types(),
        capture.symbols(),
        layout,
        capture.rom().map(r -> capture.files().rom().toAbsolutePath().toString()).orElse(null),
        capture.rom().map(RomImage::base).orElse(0L),
        capture.files().elf() == null ? null : capture.files().elf().toAbsolutePath().toString());
  }

  public static CaptureFacts of(Capture capture) {
    return of(capture, null);
  }

  /** The same capture cut to its first {@code count} snapshots. */
  public CaptureFacts firstSnapshots(long count) {
    return new CaptureFacts(ramFile, null, span, count, Math.min(count, snapshotsPerPart), wordSize, heap, types, symbols, layout, romFile, romBase, elfFile);
  }

  /** An object inspector for key frames; null without a layout. ROM as the model chooses it (firmware.bin, else the ELF). */
  public ObjectInspector openInspector() {
    if (layout == null) {
      return null;
    }
    Memory rom = ObjectInspector.rom(romFile == null ? null : Path.of(romFile), romBase, elfFile == null ? null : Path.of(elfFile));
    return new ObjectInspector(symbols, types, heap, span, rom, wordSize.bytes(), layout);
  }

  /** Whether ram.bin is an uncompressed local file: any byte of any snapshot is read at once. */
  public boolean plainLocalFile() {
    return snapshotsPerPart == 1 && !BeamByteSource.isUri(ramFile);
  }

  /** Whether reading must start at the first snapshot: a compressed file of one block. */
  public boolean readFromStartOnly() {
    return snapshotsPerPart > 1 && snapshotsPerPart >= snapshotCount;
  }

  /**
   * A fresh reader of the snapshots; each DoFn instance opens its own and closes it. A local file
   * is mapped; a URI is read by byte ranges through Beam's filesystems.
   */
  public SnapshotFile openSnapshots() {
    return BeamByteSource.isUri(ramFile)
        ? SnapshotFile.open(new BeamByteSource(ramFile), span)
        : SnapshotFile.open(Path.of(ramFile), span);
  }

  public HeapDecoder decoder() {
    return new HeapDecoder(heap, types);
  }

  public long lastSnapshot() {
    return snapshotCount - 1;
  }
}
