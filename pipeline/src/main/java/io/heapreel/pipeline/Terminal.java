package io.heapreel.pipeline;

/**
 * Whether the console (stderr, where progress goes) is a terminal: progress is then redrawn in
 * place, else written as a plain line every few seconds, so a log file gets no carriage returns.
 * {@code scripts/heapreel} tells (system property {@code heapreel.stderr.terminal}, from the
 * shell's {@code -t 2}); a bare {@code java -jar} falls back on {@link System#console()}, which
 * is there only when both stdin and stdout are terminals.
 */
public final class Terminal {
  public static final String PROPERTY = "heapreel.stderr.terminal";

  private Terminal() {}

  public static boolean stderr() {
    String told = System.getProperty(PROPERTY);
    return told != null ? Boolean.parseBoolean(told) : System.console() != null;
  }
}
