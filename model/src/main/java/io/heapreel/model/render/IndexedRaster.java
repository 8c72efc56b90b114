package io.heapreel.model.render;

import java.util.Arrays;

/**
 * An 8-bit palette-index image, one byte a pixel, row after row; drawing clips to its bounds. Each
 * row is stored behind one zero byte, PNG's "no filter" tag, so the pixel array is the PNG's raw
 * image data as it is and the encoder deflates it without copying a row.
 */
public final class IndexedRaster {
  private final int width;
  private final int height;
  private final int stride;
  private final byte[] pixels;

  public IndexedRaster(int width, int height, int background) {
    this.width = width;
    this.height = height;
    this.stride = width + 1;
    this.pixels = new byte[stride * height];
    for (int y = 0; y < height; y++) {
      Arrays.fill(pixels, y * stride + 1, (y + 1) * stride, (byte) background);
    }
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int get(int x, int y) {
    return pixels[offset(x, y)] & 0xFF;
  }

  private int offset(int x, int y) {
    return y * stride + 1 + x;
  }

  /** Becomes a copy of {@code other}, a raster of the same size: one array copy. */
  void copyFrom(IndexedRaster other) {
    if (other.width != width || other.height != height) {
      throw new IllegalArgumentException("rasters differ in size");
    }
    System.arraycopy(other.pixels, 0, pixels, 0, pixels.length);
  }

  void set(int x, int y, int colour) {
    if (x >= 0 && y >= 0 && x < width && y < height) {
      pixels[offset(x, y)] = (byte) colour;
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
      Arrays.fill(pixels, offset(x0, py), offset(x1, py), (byte) colour);
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
      System.arraycopy(pixels, offset(x0, y), pixels, offset(x0, y + k), x1 - x0);
    }
  }

  /** Every other pixel of the rectangle, in a checkerboard fixed to the image (so shapes line up). */
  void stipple(int x, int y, int w, int h, int colour) {
    for (int py = Math.max(0, y); py < Math.min(height, y + h); py++) {
      for (int px = Math.max(0, x); px < Math.min(width, x + w); px++) {
        if (((px + py) & 1) == 0) {
          pixels[offset(px, py)] = (byte) colour;
        }
      }
    }
  }

  /** The pixels as PNG's raw image data (each row behind its filter byte 0), not a copy: for the encoder only. */
  byte[] scanlines() {
    return pixels;
  }
}
