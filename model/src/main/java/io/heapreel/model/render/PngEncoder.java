package io.heapreel.model.render;

import ar.com.hjg.pngj.FilterType;
import ar.com.hjg.pngj.ImageInfo;
import ar.com.hjg.pngj.ImageLineByte;
import ar.com.hjg.pngj.PngWriter;
import ar.com.hjg.pngj.chunks.PngChunkPLTE;
import java.io.ByteArrayOutputStream;

/**
 * Writes an {@link IndexedRaster} as an 8-bit palette PNG with PNGJ: no filter and a low deflate
 * level, since frames are large flat areas that compress well anyway and encoding time dominates.
 * No time or text chunks, so the bytes depend on the pixels only.
 */
public final class PngEncoder {
  public static final int DEFAULT_LEVEL = 1;

  private final int level;

  public PngEncoder() {
    this(DEFAULT_LEVEL);
  }

  public PngEncoder(int level) {
    this.level = level;
  }

  public byte[] encode(IndexedRaster raster) {
    ImageInfo info = new ImageInfo(raster.width(), raster.height(), 8, false, false, true);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    PngWriter writer = new PngWriter(out, info);
    writer.setCompLevel(level);
    writer.setFilterType(FilterType.FILTER_NONE);
    PngChunkPLTE plte = writer.getMetadata().createPLTEChunk();
    plte.setNentries(Palette.size());
    for (int i = 0; i < Palette.size(); i++) {
      int rgb = Palette.rgb(i);
      plte.setEntry(i, (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }
    ImageLineByte line = new ImageLineByte(info);
    byte[] scanline = line.getScanline();
    for (int y = 0; y < raster.height(); y++) {
      raster.copyRow(y, scanline);
      writer.writeRow(line);
    }
    writer.end();
    return out.toByteArray();
  }
}
