package io.heapreel.model.render;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One thread's frame workbench: the raster, the part every frame of a capture shares (painted once,
 * copied under each frame) and a PNG {@link PngEncoder.Session}, all kept from frame to frame, so a
 * frame allocates no big buffer. The pixels are those of {@link FramePainter#paint}. Not
 * thread-safe: one per rendering thread.
 */
public final class FrameCanvas implements AutoCloseable {
  private final FramePainter painter;
  private final PngEncoder.Session png;
  private Fixed fixed;
  private IndexedRaster raster;
  private IndexedRaster template;

  /** What the shared part depends on: the areas' places and sizes and the capture's timeline. */
  private record Fixed(List<List<Long>> areas, FreeTimeline timeline) {
    static Fixed of(FrameInput input) {
      List<List<Long>> areas = new ArrayList<>();
      for (AreaBlocks a : input.areas()) {
        areas.add(List.of(a.poolStart(), (long) a.bytesPerBlock(), (long) a.blocks()));
      }
      return new Fixed(areas, input.timeline());
    }

    boolean matches(FrameInput input) {
      if (input.areas().size() != areas.size() || !(input.timeline() == timeline || input.timeline().equals(timeline))) {
        return false;
      }
      for (int i = 0; i < areas.size(); i++) {
        AreaBlocks a = input.areas().get(i);
        List<Long> g = areas.get(i);
        if (a.poolStart() != g.get(0) || a.bytesPerBlock() != g.get(1) || a.blocks() != g.get(2)) {
          return false;
        }
      }
      return true;
    }
  }

  public FrameCanvas() {
    this(new FramePainter(), new PngEncoder());
  }

  public FrameCanvas(FramePainter painter, PngEncoder encoder) {
    this.painter = painter;
    this.png = encoder.session();
  }

  /** The frame's pixels, in this canvas's raster: valid until the next call. */
  public IndexedRaster paint(FrameInput input) {
    FrameLayout layout = painter.layout(input);
    if (fixed == null || !fixed.matches(input)) {
      template = new IndexedRaster(layout.width(), layout.height(), Palette.PAGE);
      painter.paintFixed(template, layout, input.areas(), input.timeline());
      raster = new IndexedRaster(layout.width(), layout.height(), Palette.PAGE);
      fixed = Fixed.of(input);
    }
    raster.copyFrom(template);
    painter.paintSnapshot(raster, layout, input);
    return raster;
  }

  /** A raster as PNG, read-only over this canvas's buffer: valid until the next call. */
  public ByteBuffer encode(IndexedRaster pixels) {
    return png.encode(pixels);
  }

  /** The frame as PNG: {@link #encode} of {@link #paint}. */
  public ByteBuffer png(FrameInput input) {
    return encode(paint(input));
  }

  @Override
  public void close() {
    png.close();
  }
}
