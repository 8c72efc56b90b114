package io.heapreel.model.gclog;

/**
 * Receives what {@link GcLogParser} reads, in log order. The parser knows nothing about what is
 * built from it: the lifespan builder, the integrity check and the pipeline are all listeners.
 */
public interface GcLogListener {
  /** The preamble has been read: breakpoints set up and capture facts printed before the first hit. */
  default void preamble(Preamble preamble) {}

  /** One usable hook record. */
  void event(GcEvent event);

  /** Damage found; {@link Damage#skipped()} says whether a record was dropped because of it. */
  default void damage(Damage damage) {}

  /** The end of the log. */
  default void end(LogSummary summary) {}
}
