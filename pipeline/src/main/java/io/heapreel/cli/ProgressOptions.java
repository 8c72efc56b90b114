package io.heapreel.cli;

import io.heapreel.pipeline.Terminal;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The console conventions every long-running command shares: progress on stderr, redrawn in place
 * on a terminal and a plain line every few seconds otherwise (a log gets no carriage returns),
 * none with {@code --no-progress}; {@code --quiet} drops the progress and the closing summary, and
 * warnings and errors still show.
 */
public final class ProgressOptions {
  /** Between two plain progress lines when stderr is no terminal. */
  static final long LINE_EVERY_NANOS = 5_000_000_000L;
  /** Before the first redrawn line (a short command shows none), and between two redraws. */
  static final long FIRST_REDRAW_NANOS = 1_000_000_000L;
  static final long REDRAW_NANOS = 250_000_000L;

  @Option(names = {"-q", "--quiet"}, description = "No progress and no closing summary; warnings and errors still show.")
  boolean quiet;

  @Option(names = "--no-progress", description = "No progress on the console; the closing summary stays.")
  boolean noProgress;

  public boolean quiet() {
    return quiet;
  }

  public boolean showProgress() {
    return !quiet && !noProgress;
  }

  /** Where the closing summary goes: {@code to}, or nowhere with {@code --quiet}. */
  public PrintWriter summary(PrintWriter to) {
    return quiet ? new PrintWriter(Writer.nullWriter()) : to;
  }

  /** A progress line on {@code err}, counting from now. */
  public Line line(PrintWriter err) {
    return new Line(err, showProgress(), Terminal.stderr());
  }

  /** One command's progress: call {@link #update} as often as work advances; it writes only when due. */
  public static final class Line {
    private final PrintWriter err;
    private final boolean show;
    private final boolean terminal;
    private long next;
    private boolean drawn;

    Line(PrintWriter err, boolean show, boolean terminal) {
      this.err = err;
      this.show = show;
      this.terminal = terminal;
      this.next = System.nanoTime() + (terminal ? FIRST_REDRAW_NANOS : LINE_EVERY_NANOS);
    }

    /** Shows the text when due; the text is made only then. Safe from several threads. */
    public synchronized void update(Supplier<String> text) {
      if (!show) {
        return;
      }
      long now = System.nanoTime();
      if (now < next) {
        return;
      }
      next = now + (terminal ? REDRAW_NANOS : LINE_EVERY_NANOS);
      if (terminal) {
        err.print("\r" + text.get() + "\u001b[K");
        drawn = true;
      } else {
        err.println(text.get());
      }
      err.flush();
    }

    /** Ends a line redrawn in place, so what follows starts on a line of its own. */
    public synchronized void finish() {
      if (drawn) {
        err.println();
        err.flush();
        drawn = false;
      }
    }
  }
}
