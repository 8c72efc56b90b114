package io.heapreel.model.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Printable ASCII glyphs rasterised once from Java2D's logical monospaced font, without
 * anti-aliasing, so text costs a few array writes per glyph and only ever uses palette colours.
 * Works headless. Immutable once built; {@link #standard()} is shared by every painter.
 */
public final class BitmapFont {
  private static final char FIRST = 32;
  private static final char LAST = 126;

  private final int advance;
  private final int height;
  /** Per glyph, its pixels as runs along a row ({@link #runs}): text is drawn a run at a time. */
  private final int[][] runs;

  private BitmapFont(int advance, int height, boolean[][] glyphs) {
    this.advance = advance;
    this.height = height;
    this.runs = new int[glyphs.length][];
    for (int g = 0; g < glyphs.length; g++) {
      runs[g] = runs(glyphs[g], advance, height);
    }
  }

  private static final class Holder {
    static final BitmapFont STANDARD = rasterise(new Font(Font.MONOSPACED, Font.PLAIN, 12));
  }

  public static BitmapFont standard() {
    return Holder.STANDARD;
  }

  static BitmapFont rasterise(Font font) {
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D pg = probe.createGraphics();
    FontMetrics metrics = pg.getFontMetrics(font);
    pg.dispose();
    int advance = metrics.charWidth('M');
    int ascent = metrics.getAscent();
    int height = ascent + metrics.getDescent();
    boolean[][] glyphs = new boolean[LAST - FIRST + 1][];
    for (char c = FIRST; c <= LAST; c++) {
      BufferedImage img = new BufferedImage(advance, height, BufferedImage.TYPE_BYTE_GRAY);
      Graphics2D g = img.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
      g.setColor(Color.WHITE);
      g.setFont(font);
      g.drawString(String.valueOf(c), 0, ascent);
      g.dispose();
      boolean[] mask = new boolean[advance * height];
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < advance; x++) {
          mask[y * advance + x] = (img.getRaster().getSample(x, y, 0) & 0x80) != 0;
        }
      }
      glyphs[c - FIRST] = mask;
    }
    return new BitmapFont(advance, height, glyphs);
  }

  /** Width of every glyph in pixels. */
  public int advance() {
    return advance;
  }

  /** Line height in pixels. */
  public int height() {
    return height;
  }

  public int width(String text) {
    return text.length() * advance;
  }

  /** Draws text with its top-left corner at (x, y); characters outside printable ASCII show as '?'. */
  void draw(IndexedRaster raster, int x, int y, String text, int colour) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int[] glyph = runs[(c < FIRST || c > LAST ? '?' : c) - FIRST];
      int gx = x + i * advance;
      for (int k = 0; k < glyph.length; k += 3) {
        raster.fill(gx + glyph[k + 1], y + glyph[k], glyph[k + 2], 1, colour);
      }
    }
  }

  /** A glyph's set pixels as horizontal runs: (row, first column, length) triples. */
  private static int[] runs(boolean[] mask, int advance, int height) {
    int[] runs = new int[3 * advance * height];
    int n = 0;
    for (int py = 0; py < height; py++) {
      for (int px = 0; px < advance; px++) {
        if (mask[py * advance + px] && (px == 0 || !mask[py * advance + px - 1])) {
          int end = px;
          while (end < advance && mask[py * advance + end]) {
            end++;
          }
          runs[n++] = py;
          runs[n++] = px;
          runs[n++] = end - px;
        }
      }
    }
    return java.util.Arrays.copyOf(runs, n);
  }
}
