package io.heapreel.model.render;

import io.heapreel.model.heap.BlockState;
import io.heapreel.model.heap.HeapStats;
import java.util.List;

/**
 * Draws one frame of the heap film: a caption, a used/free bar, one grid of cells per heap area
 * (each allocation one shape over its blocks, coloured by its {@link ColourClass}), the capture's
 * free-space timeline with this snapshot marked, and the legend. A pure function of its
 * {@link FrameInput}: the same input gives the same pixels and the same PNG bytes. Thread-safe and
 * cheap to make (a Beam DoFn makes one in its {@code @Setup}; the glyphs are rasterised once per
 * JVM).
 */
public final class FramePainter {
  static final List<String> MARKER_LABELS = List.of("marked head", "finaliser", "garbage", "this event");

  private final BitmapFont font;
  private final PngEncoder encoder;

  public FramePainter() {
    this(BitmapFont.standard(), new PngEncoder());
  }

  public FramePainter(BitmapFont font, PngEncoder encoder) {
    this.font = font;
    this.encoder = encoder;
  }

  /** The frame as PNG bytes. */
  public byte[] png(FrameInput input) {
    return encoder.encode(paint(input));
  }

  public FrameLayout layout(FrameInput input) {
    return FrameLayout.of(input.areas(), font);
  }

  public IndexedRaster paint(FrameInput input) {
    FrameLayout layout = layout(input);
    IndexedRaster r = new IndexedRaster(layout.width(), layout.height(), Palette.PAGE);
    paintFixed(r, layout, input.areas(), input.timeline());
    paintSnapshot(r, layout, input);
    return r;
  }

  /**
   * What every frame of a capture shares, on a blank raster: the bar's label, each area's label and
   * block numbers, the timeline without its cursor, the legend. Nothing {@link #paintSnapshot}
   * draws overlaps them but the cursor, which is drawn over the timeline, so a raster painted
   * once this way can be copied under every frame ({@link FrameCanvas}).
   */
  void paintFixed(IndexedRaster r, FrameLayout layout, List<AreaBlocks> areas, FreeTimeline timeline) {
    font.draw(r, FrameLayout.MARGIN, layout.barTop() + FrameLayout.BAR_HEIGHT / 2 - font.height() / 2, "heap", Palette.TEXT);
    for (int a = 0; a < areas.size(); a++) {
      areaLabels(r, layout, a, areas.get(a));
    }
    timeline(r, layout, timeline);
    legend(r, layout);
  }

  /** The snapshot's own part, over {@link #paintFixed}: caption, bar, cells, markers, the event, the timeline's cursor. */
  void paintSnapshot(IndexedRaster r, FrameLayout layout, FrameInput input) {
    caption(r, layout, input);
    bar(r, layout, input.totals());
    List<AreaBlocks> areas = input.areas();
    byte[][] colours = new byte[areas.size()][];
    boolean[][] joined = new boolean[areas.size()][];
    for (int a = 0; a < areas.size(); a++) {
      colours[a] = blockColours(areas.get(a));
      joined[a] = new boolean[areas.get(a).blocks()];
    }
    for (FrameAllocation alloc : input.allocations()) {
      if (alloc.area() < areas.size()) {
        fill(alloc, colours[alloc.area()], joined[alloc.area()]);
      }
    }
    for (int a = 0; a < areas.size(); a++) {
      cells(r, layout, a, colours[a], joined[a]);
    }
    for (FrameAllocation alloc : input.allocations()) {
      if (alloc.area() < areas.size()) {
        flags(r, layout, alloc, areas.get(alloc.area()).blocks());
      }
    }
    if (input.event() != null) {
      highlight(r, layout, input);
    }
    cursor(r, layout, input);
  }

  private void caption(IndexedRaster r, FrameLayout layout, FrameInput input) {
    int chars = (r.width() - 2 * FrameLayout.MARGIN) / font.advance();
    StringBuilder line = new StringBuilder("snapshot ").append(input.snapshot());
    if (input.timeline().snapshots() > 0) {
      line.append('/').append(input.timeline().snapshots() - 1);
    }
    FrameEvent e = input.event();
    if (e != null) {
      int bytesPerBlock = input.areas().get(Math.min(e.area(), input.areas().size() - 1)).bytesPerBlock();
      int blocks = e.blocks() > 0 ? e.blocks() : extent(input, e);
      line.append("  event ").append(e.event()).append(": ").append(e.action().isEmpty() ? "?" : e.action());
      // a split heap's event names its area: the band it is drawn in, and the block counted in that area
      line.append(input.areas().size() > 1 ? " in area " + e.area() : "").append(" at block ").append(e.startBlock()).append(", ").append(blocks).append(blocks == 1 ? " block" : " blocks");
      line.append(" (").append((long) blocks * bytesPerBlock).append(" B)");
      if (!e.site().isEmpty()) {
        line.append("  site: ").append(e.site());
      }
    } else {
      line.append("  (no event log)");
    }
    font.draw(r, FrameLayout.MARGIN, layout.captionTop(), clip(line.toString(), chars), Palette.TEXT);
    HeapStats t = input.totals();
    int bpb = input.areas().get(0).bytesPerBlock();
    String totals =
        String.format(
            "used %d blocks (%d B)   free %d blocks (%d B)   largest free %d blocks (%d B)   %d objects%s",
            t.allocatedBlocks(),
            (long) t.allocatedBlocks() * bpb,
            t.freeBlocks(),
            (long) t.freeBlocks() * bpb,
            t.largestFreeBlocks(),
            (long) t.largestFreeBlocks() * bpb,
            t.objects(),
            t.marked() > 0 ? ", " + t.marked() + " marked" : "");
    font.draw(r, FrameLayout.MARGIN, layout.captionTop() + FrameLayout.LINE, clip(totals, chars), Palette.TEXT);
  }

  private static String clip(String text, int chars) {
    return text.length() <= chars ? text : text.substring(0, Math.max(0, chars - 3)) + "...";
  }

  /** [used][largest free run][rest of free], in proportion to all blocks. */
  private void bar(IndexedRaster r, FrameLayout layout, HeapStats t) {
    int w = layout.gridWidth();
    int x = layout.gridLeft();
    int y = layout.barTop();
    int total = Math.max(1, t.totalBlocks());
    int used = (int) ((long) t.allocatedBlocks() * w / total);
    int largest = (int) ((long) t.largestFreeBlocks() * w / total);
    r.fill(x, y, w, FrameLayout.BAR_HEIGHT, Palette.BAR_FREE);
    r.fill(x, y, used, FrameLayout.BAR_HEIGHT, Palette.BAR_USED);
    r.fill(x + used, y, largest, FrameLayout.BAR_HEIGHT, Palette.BAR_LARGEST);
  }

  /** The area's label and block numbers down the left. */
  private void areaLabels(IndexedRaster r, FrameLayout layout, int area, AreaBlocks blocks) {
    int top = layout.areaTops().get(area);
    long end = blocks.poolStart() + (long) blocks.blocks() * blocks.bytesPerBlock();
    font.draw(
        r,
        FrameLayout.MARGIN,
        top - FrameLayout.AREA_HEADER,
        String.format(
            "area %d: pool 0x%08x..0x%08x, %d blocks of %d bytes, %s",
            area, blocks.poolStart(), end, blocks.blocks(), blocks.bytesPerBlock(),
            blocks.inSnapshot() ? layout.columns() + " a row" : "not in this snapshot (the collector has not added it, or gave it back)"),
        Palette.TEXT);
    int cell = layout.cell();
    int labelEvery = Math.max(1, (FrameLayout.LINE + cell - 1) / cell);
    int rows = FrameLayout.rows(blocks.blocks(), layout.columns());
    for (int row = 0; row < rows; row += labelEvery) {
      String label = Integer.toString(row * layout.columns());
      int y = top + row * cell + (cell - font.height()) / 2;
      font.draw(r, layout.gridLeft() - FrameLayout.GUTTER - font.width(label) - 2, Math.max(top - 2, y), label, Palette.TEXT);
    }
  }

  /**
   * Free blocks are background; any other block is an orphan tail until an allocation claims it. An
   * area the snapshot does not have (a heap that grows) is left the page's colour: not heap there.
   */
  private static byte[] blockColours(AreaBlocks blocks) {
    byte[] colours = new byte[blocks.blocks()];
    for (int b = 0; b < colours.length; b++) {
      int state = blocks.state(b);
      colours[b] = (byte) (state == BlockState.FREE ? Palette.FREE : state == AreaBlocks.NOT_HEAP ? Palette.PAGE : Palette.ORPHAN_TAIL);
    }
    return colours;
  }

  /** An allocation's colour on its blocks; each block but the last joins the next into one shape. */
  private static void fill(FrameAllocation a, byte[] colours, boolean[] joined) {
    byte colour = (byte) Palette.indexOf(a.colour());
    int end = Math.min(colours.length, a.block() + a.blocks());
    for (int b = a.block(); b < end; b++) {
      colours[b] = colour;
      joined[b] = b + 1 < end;
    }
  }

  /**
   * The cells of an area, a grid row at a time: the first pixel line of the row is drawn (cells
   * with their gap, or joined to the next block of the same allocation at a row's inside) and
   * copied down the cell's height.
   */
  private static void cells(IndexedRaster r, FrameLayout layout, int area, byte[] colours, boolean[] joined) {
    int columns = layout.columns();
    int cell = layout.cell();
    int inner = cell - layout.gap();
    for (int first = 0; first < colours.length; first += columns) {
      int y = layout.cellY(area, first);
      int last = Math.min(colours.length, first + columns);
      for (int b = first; b < last; b++) {
        boolean join = joined[b] && b + 1 < last;
        r.fill(layout.cellX(b), y, join ? cell : inner, 1, colours[b]);
      }
      r.repeatLine(layout.gridLeft(), y, layout.gridWidth(), inner);
    }
  }

  /** Garbage stipple over the shape; MARK dot and finaliser bar on the head. */
  private static void flags(IndexedRaster r, FrameLayout layout, FrameAllocation a, int areaBlocks) {
    int cell = layout.cell();
    int inner = cell - layout.gap();
    if (a.garbage()) {
      int end = Math.min(areaBlocks, a.block() + a.blocks());
      for (int b = a.block(); b < end; b++) {
        boolean joined = b + 1 < end && (b + 1) % layout.columns() != 0;
        r.stipple(layout.cellX(b), layout.cellY(a.area(), b), joined ? cell : inner, inner, Palette.STIPPLE);
      }
    }
    int hx = layout.cellX(a.block());
    int hy = layout.cellY(a.area(), a.block());
    if (a.marked()) {
      int dot = Math.max(2, inner / 3);
      r.fill(hx, hy, dot, dot, Palette.MARKER);
    }
    if (a.finaliser()) {
      int bar = Math.max(1, inner / 5);
      r.fill(hx, hy + inner - bar, inner, bar, Palette.MARKER);
    }
  }

  /**
   * Outlines the event's blocks and marks their rows in the gutter (visible even when cells are
   * tiny). A free or sweep logs length 0: its allocation (the start block and the tails after it)
   * is outlined instead.
   */
  private void highlight(IndexedRaster r, FrameLayout layout, FrameInput input) {
    FrameEvent e = input.event();
    if (e.area() < 0 || e.area() >= input.areas().size()) {
      return;
    }
    AreaBlocks blocks = input.areas().get(e.area());
    int start = e.startBlock();
    if (start < 0 || start >= blocks.blocks()) {
      return;
    }
    int end = Math.min(blocks.blocks(), start + (e.blocks() > 0 ? e.blocks() : extent(input, e)));
    int cols = layout.columns();
    int cell = layout.cell();
    int t = cell >= 8 ? 2 : 1;
    int top = layout.areaTops().get(e.area());
    r.fill(layout.cellX(start), top - 5, Math.max(cell, 3), 4, Palette.HIGHLIGHT);
    if (cell < 8) {
      ring(r, layout.cellX(start) - 4, layout.cellY(e.area(), start) - 4, cell + 8);
    }
    for (int b = start; b < end; b++) {
      int x = layout.cellX(b);
      int y = layout.cellY(e.area(), b);
      if (b == start || b % cols == 0) {
        r.fill(x, y, t, cell, Palette.HIGHLIGHT);
        r.fill(layout.gridLeft() - FrameLayout.GUTTER + 1, y, FrameLayout.GUTTER - 3, Math.max(cell - layout.gap(), 2), Palette.HIGHLIGHT);
      }
      if (b == end - 1 || (b + 1) % cols == 0) {
        r.fill(x + cell - t, y, t, cell, Palette.HIGHLIGHT);
      }
      if (b - cols < start) {
        r.fill(x, y, cell, t, Palette.HIGHLIGHT);
      }
      if (b + cols >= end) {
        r.fill(x, y + cell - t, cell, t, Palette.HIGHLIGHT);
      }
    }
  }

  /** A hollow square around a tiny cell, so a one-block event shows on a big heap. */
  private static void ring(IndexedRaster r, int x, int y, int size) {
    r.fill(x, y, size, 2, Palette.HIGHLIGHT);
    r.fill(x, y + size - 2, size, 2, Palette.HIGHLIGHT);
    r.fill(x, y, 2, size, Palette.HIGHLIGHT);
    r.fill(x + size - 2, y, 2, size, Palette.HIGHLIGHT);
  }

  /** The blocks a length-0 event (free, sweep) releases: its start block and the tails after it. */
  private static int extent(FrameInput input, FrameEvent e) {
    if (e.area() < 0 || e.area() >= input.areas().size()) {
      return 0;
    }
    AreaBlocks blocks = input.areas().get(e.area());
    if (e.startBlock() < 0 || e.startBlock() >= blocks.blocks()) {
      return 0;
    }
    int end = e.startBlock() + 1;
    while (end < blocks.blocks() && blocks.state(end) == BlockState.TAIL) {
      end++;
    }
    return end - e.startBlock();
  }

  private void timeline(IndexedRaster r, FrameLayout layout, FreeTimeline tl) {
    int x0 = layout.gridLeft();
    int w = layout.gridWidth();
    int h = FrameLayout.TIMELINE_HEIGHT;
    int top = layout.timelineTop();
    font.draw(
        r,
        x0,
        top - FrameLayout.LINE,
        "free blocks over the capture (light: free, dark: largest free run, red: this snapshot)",
        Palette.TEXT);
    font.draw(r, FrameLayout.MARGIN, top, Integer.toString(tl.totalBlocks()), Palette.TEXT);
    font.draw(r, FrameLayout.MARGIN, top + h - font.height(), "0", Palette.TEXT);
    r.fill(x0, top, w, h, Palette.FREE);
    int total = Math.max(1, tl.totalBlocks());
    if (tl.buckets() > 0) {
      for (int x = 0; x < w; x++) {
        int bucket = (int) ((long) x * tl.buckets() / w);
        int free = (int) ((long) tl.maxFree(bucket) * h / total);
        r.fill(x0 + x, top + h - free, 1, free, Palette.TIMELINE_FREE);
        int largest = (int) ((long) tl.minLargest(bucket) * h / total);
        r.fill(x0 + x, top + h - Math.max(1, largest), 1, 2, Palette.TIMELINE_LARGEST);
      }
    }
  }

  /** This snapshot's place on the timeline. */
  private static void cursor(IndexedRaster r, FrameLayout layout, FrameInput input) {
    FreeTimeline tl = input.timeline();
    if (tl.buckets() > 0) {
      int w = layout.gridWidth();
      long n = tl.snapshots();
      int cursor = (int) Math.min(w - 2, input.snapshot() * w / Math.max(1, n));
      r.fill(layout.gridLeft() + cursor, layout.timelineTop() - 3, 2, FrameLayout.TIMELINE_HEIGHT + 6, Palette.CURSOR);
    }
  }

  private void legend(IndexedRaster r, FrameLayout layout) {
    int right = layout.gridLeft() + layout.gridWidth() - FrameLayout.MARGIN;
    int x = FrameLayout.MARGIN;
    int y = layout.legendTop();
    List<String> labels = FrameLayout.legendLabels();
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.get(i);
      int w = FrameLayout.legendItemWidth(label, font);
      if (x + w > right && x > FrameLayout.MARGIN) {
        x = FrameLayout.MARGIN;
        y += FrameLayout.LINE;
      }
      swatch(r, x, y + 2, i);
      font.draw(r, x + 16, y + (12 - font.height()) / 2 + 2, label, Palette.TEXT);
      x += w;
    }
  }

  /** Legend entries first, then samples of the markers drawn as they appear on a cell. */
  private static void swatch(IndexedRaster r, int x, int y, int item) {
    int legend = Palette.LEGEND.size();
    if (item < legend) {
      r.fill(x, y, 12, 12, Palette.LEGEND.get(item).index());
      return;
    }
    r.fill(x, y, 12, 12, Palette.UNKNOWN);
    switch (item - legend) {
      case 0 -> r.fill(x, y, 4, 4, Palette.MARKER);
      case 1 -> r.fill(x, y + 10, 12, 2, Palette.MARKER);
      case 2 -> r.stipple(x, y, 12, 12, Palette.STIPPLE);
      default -> {
        r.fill(x, y, 12, 2, Palette.HIGHLIGHT);
        r.fill(x, y + 10, 12, 2, Palette.HIGHLIGHT);
        r.fill(x, y, 2, 12, Palette.HIGHLIGHT);
        r.fill(x + 10, y, 2, 12, Palette.HIGHLIGHT);
      }
    }
  }
}
