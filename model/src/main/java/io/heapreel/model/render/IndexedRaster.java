package io.heapreel.model.render;

import java.util.Arrays;

/** An 8-bit palette-index image, one byte a pixel, row after row; drawing clips to its bounds. */
public final class IndexedRaster {
  private final int width;
  private final int height;
  private final byte[] pixels;

  public IndexedRaster(int width, int height, int background) {
    this.width = width;
    this.height = height;
    this.pixels = new byte[width * height];
    Arrays.fill(pixels, (byte) background);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int get(int x, int y) {
    return pixels[y * width + x] & 0xFF;
  }

  void set(int x, int y, int colour) {
    if (x >= 0 && y >= 0 && x < width && y < height) {
      pixels[y * width + x] = (byte) colour;
    }
  }

  void fill(int x, int y, int w, int h, int colour) {
    int x0 = Math.max(0, x);
    int y0 = Math.max(0, y);
    int x1 = Math.min(width, x + w);
    int y1 = Math.min(height, y + h);
    if (x0 >= x1) {
      return;
    }
    for (int py = y0; py < y1; py++) {
      Arrays.fill(pixels, py * width + x0, py * width + x1, (byte) colour);
    }
  }

  /** Copies the pixels [x, x+w) of line y onto the lines below it, so that {@code lines} lines hold them. */
  void repeatLine(int x, int y, int w, int lines) {
    int x0 = Math.max(0, x);
    int x1 = Math.min(width, x + w);
    if (y < 0 || y >= height || x0 >= x1) {
      return;
    }
    for (int k = 1; k < lines && y + k < height; k++) {
      System.arraycopy(pixels, y * width + x0, pixels, (y + k) * width + x0, x1 - x0);
    }
  }

  /** Every other pixel of the rectangle, in a checkerboard fixed to the image (so shapes line up). */
  void stipple(int x, int y, int w, int h, int colour) {
    for (int py = Math.max(0, y); py < Math.min(height, y + h); py++) {
      for (int px = Math.max(0, x); px < Math.min(width, x + w); px++) {
        if (((px + py) & 1) == 0) {
          pixels[py * width + px] = (byte) colour;
        }
      }
    }
  }

  /** Row y as stored (no copy): for encoders. */
  void copyRow(int y, byte[] into) {
    System.arraycopy(pixels, y * width, into, 0, width);
  }
}
