package io.heapreel.model.render;

import java.util.List;

/**
 * Where everything of a frame goes, from the heap's size alone (so every frame of a capture has
 * the same geometry and a video never jumps). Rows hold 64 blocks like {@code mem_info(1)}; big
 * heaps get 128, 256 ... blocks a row so the grid is at most 3/5 as tall as wide (a 512 KiB heap
 * of 16-byte blocks: 256 a row, 4-pixel cells), and the cell size shrinks so the grid stays
 * {@link #GRID_WIDTH} pixels wide.
 *
 * @param columns blocks a row
 * @param cell cell size in pixels, gap included
 * @param areaTops the y of each area's first grid row
 */
public record FrameLayout(
    int columns,
    int cell,
    int gap,
    int gridLeft,
    int gridWidth,
    int captionTop,
    int barTop,
    List<Integer> areaTops,
    int timelineTop,
    int legendTop,
    int width,
    int height) {
  public static final int GRID_WIDTH = 1024;
  public static final int MARGIN = 12;
  public static final int LINE = 16;
  /** The area's label line and, under it, room for the event's column tick. */
  public static final int AREA_HEADER = LINE + 6;
  public static final int BAR_HEIGHT = 10;
  public static final int TIMELINE_HEIGHT = 48;
  static final int LABEL_WIDTH = 7 * 8;
  static final int GUTTER = 10;

  public static FrameLayout of(List<AreaBlocks> areas, BitmapFont font) {
    int maxBlocks = 0;
    for (AreaBlocks a : areas) {
      maxBlocks = Math.max(maxBlocks, a.blocks());
    }
    int columns = 64;
    while (rows(maxBlocks, columns) * 5 > columns * 3 && columns < 1024) {
      columns *= 2;
    }
    int cell = Math.max(2, Math.min(16, GRID_WIDTH / columns));
    int gap = cell >= 4 ? 1 : 0;
    int gridLeft = MARGIN + LABEL_WIDTH + GUTTER;
    int gridWidth = columns * cell;
    int y = MARGIN;
    int captionTop = y;
    y += 2 * LINE + 2;
    int barTop = y;
    y += BAR_HEIGHT + 8;
    Integer[] tops = new Integer[areas.size()];
    for (int i = 0; i < areas.size(); i++) {
      y += AREA_HEADER;
      tops[i] = y;
      y += rows(areas.get(i).blocks(), columns) * cell + 8;
    }
    int timelineTop = y + LINE;
    y = timelineTop + TIMELINE_HEIGHT + 8;
    int legendTop = y;
    y += legendRows(gridLeft + gridWidth - MARGIN, font) * LINE + MARGIN;
    int width = even(gridLeft + gridWidth + MARGIN);
    return new FrameLayout(
        columns, cell, gap, gridLeft, gridWidth, captionTop, barTop, List.of(tops), timelineTop, legendTop, width, even(y));
  }

  static int rows(int blocks, int columns) {
    return (blocks + columns - 1) / columns;
  }

  private static int even(int n) {
    return (n + 1) & ~1;
  }

  /** How many lines the legend wraps to; must agree with the painter's flow. */
  static int legendRows(int right, BitmapFont font) {
    int rows = 1;
    int x = MARGIN;
    for (String label : legendLabels()) {
      int w = legendItemWidth(label, font);
      if (x + w > right && x > MARGIN) {
        rows++;
        x = MARGIN;
      }
      x += w;
    }
    return rows;
  }

  static int legendItemWidth(String label, BitmapFont font) {
    return 12 + 4 + font.width(label) + 12;
  }

  static List<String> legendLabels() {
    java.util.ArrayList<String> labels = new java.util.ArrayList<>();
    for (Palette.Entry e : Palette.LEGEND) {
      labels.add(e.label());
    }
    labels.addAll(FramePainter.MARKER_LABELS);
    return labels;
  }

  public int cellX(int block) {
    return gridLeft + (block % columns) * cell;
  }

  public int cellY(int area, int block) {
    return areaTops.get(area) + (block / columns) * cell;
  }
}
