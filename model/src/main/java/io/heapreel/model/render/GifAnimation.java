package io.heapreel.model.render;

import io.heapreel.model.error.CaptureException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * An animated GIF of frame PNGs with javax.imageio's GIF writer, no external tool: every frame
 * shown for the same time, looping forever. Frames keep their palette (GIF allows 256 colours; the
 * frame palette has fewer).
 */
public final class GifAnimation {
  /** Browsers show GIF delays under 2/100 s as 1/10 s, so faster rates are capped at 50 frames/s. */
  static final int MIN_DELAY_CENTISECONDS = 2;

  private final int delayCentiseconds;

  public GifAnimation(double fps) {
    if (!(fps > 0)) {
      throw new IllegalArgumentException("frames per second must be positive, not " + fps);
    }
    this.delayCentiseconds = Math.max(MIN_DELAY_CENTISECONDS, (int) Math.round(100 / fps));
  }

  /** Writes the frames, in the given order, to {@code target} (whole file or nothing). */
  public void write(List<Path> frames, Path target) {
    if (frames.isEmpty()) {
      throw new CaptureException("no frames to put in " + target);
    }
    Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
    try {
      try (OutputStream out = Files.newOutputStream(partial);
          ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
        write(frames, ios);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CaptureException(target + ": cannot write the GIF (" + e.getMessage() + ")", e);
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException ignored) {
        // the partial file is hidden and overwritten by the next attempt
      }
    }
  }

  private void write(List<Path> frames, ImageOutputStream ios) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    try {
      writer.setOutput(ios);
      writer.prepareWriteSequence(null);
      ImageWriteParam param = writer.getDefaultWriteParam();
      boolean first = true;
      for (Path frame : frames) {
        BufferedImage image = ImageIO.read(frame.toFile());
        if (image == null) {
          throw new CaptureException(frame + ": not an image ImageIO can read");
        }
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
        annotate(metadata, first);
        writer.writeToSequence(new IIOImage(image, null, metadata), param);
        first = false;
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
  }

  /** The frame delay on every frame; the NETSCAPE2.0 loop-forever block on the first. */
  private void annotate(IIOMetadata metadata, boolean first) throws IIOInvalidTreeException {
    String format = metadata.getNativeMetadataFormatName();
    IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
    IIOMetadataNode control = child(root, "GraphicControlExtension");
    control.setAttribute("disposalMethod", "none");
    control.setAttribute("userInputFlag", "FALSE");
    control.setAttribute("transparentColorFlag", "FALSE");
    control.setAttribute("delayTime", Integer.toString(delayCentiseconds));
    control.setAttribute("transparentColorIndex", "0");
    if (first) {
      IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
      app.setAttribute("applicationID", "NETSCAPE");
      app.setAttribute("authenticationCode", "2.0");
      app.setUserObject(new byte[] {1, 0, 0});
      child(root, "ApplicationExtensions").appendChild(app);
    }
    metadata.setFromTree(format, root);
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++) {
      if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
        return (IIOMetadataNode) root.item(i);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    root.appendChild(node);
    return node;
  }
}
