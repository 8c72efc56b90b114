package io.heapreel.model.graphviz;

import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Writes a DOT graph as the file its name asks for: {@code .dot} (or {@code .gv}) as it is,
 * {@code .svg} and {@code .png} laid out by Graphviz's {@code dot} program. The file appears only
 * once complete.
 */
public final class Graphviz {
  public static final String MISSING =
      "Graphviz's dot program is needed for SVG and PNG and is not installed (or not on PATH): install it"
          + " (Debian/Ubuntu: apt-get install graphviz; Fedora: dnf install graphviz; macOS: brew install graphviz),"
          + " or write the graph as DOT with --out FILE.dot";

  private final String dot;

  public Graphviz(String dot) {
    this.dot = dot;
  }

  public Graphviz() {
    this("dot");
  }

  /** The output format the file name asks for: dot, svg or png; null for any other name. */
  public static String format(Path target) {
    String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".dot") || name.endsWith(".gv")) {
      return "dot";
    }
    if (name.endsWith(".svg")) {
      return "svg";
    }
    return name.endsWith(".png") ? "png" : null;
  }

  public void write(String graph, Path target) {
    String format = format(target);
    if (format == null) {
      throw new CaptureException(target + ": the graph is written as .dot, .svg or .png; name the file so");
    }
    Path folder = target.toAbsolutePath().getParent();
    Path partial = folder.resolve("." + target.getFileName() + ".partial");
    Path source = folder.resolve("." + target.getFileName() + ".partial.dot");
    try {
      Files.writeString(source, graph, StandardCharsets.UTF_8);
      if (format.equals("dot")) {
        Files.move(source, partial, StandardCopyOption.REPLACE_EXISTING);
      } else {
        layout(format, source, partial, target);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CaptureException(target + ": cannot write the graph (" + e.getMessage() + ")", e);
    } finally {
      deleteQuietly(source);
      deleteQuietly(partial);
    }
  }

  private void layout(String format, Path source, Path partial, Path target) throws IOException {
    Process p;
    try {
      p = new ProcessBuilder(List.of(dot, "-T" + format, "-o", partial.toString(), source.toString())).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new CaptureException(MISSING, e);
    }
    try {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      int exit = p.waitFor();
      if (exit != 0) {
        throw new CaptureException("Graphviz's dot failed (exit " + exit + ") making " + target + (output.isEmpty() ? "" : ": " + output));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CaptureException("interrupted while Graphviz made " + target, e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // the outcome (the target or the error) is what the user needs
    }
  }
}
