package io.heapreel.pipeline;

/**
 * Names of the Beam counters the transforms keep and the launcher polls for progress and the run
 * summary. All live in one namespace.
 */
public final class Counters {
  public static final String NAMESPACE = "heapreel";
  public static final String SNAPSHOTS_DECODED = "snapshots_decoded";
  public static final String SNAPSHOTS_DAMAGED = "snapshots_damaged";
  public static final String SNAPSHOTS_SUSPECT = "snapshots_suspect";
  public static final String DECODE_NANOS = "decode_nanos";
  public static final String KEY_FRAMES = "key_frames_decoded";
  public static final String EVENTS_PARSED = "events_parsed";
  public static final String LOG_RECORDS = "log_records";
  public static final String LOG_RECORDS_SKIPPED = "log_records_skipped";
  public static final String LOG_DAMAGE = "log_damage";
  public static final String EVENTS_DISAGREEING = "events_disagreeing";
  public static final String REPLAY_NANOS = "replay_nanos";
  /** Lifespans with a type or a told role: not {@code raw:unknown}, not untyped. */
  public static final String LIFESPANS_TYPED = "lifespans_typed";
  public static final String LIFESPANS_WITHOUT_SITE = "lifespans_without_site";
  /** The frames at which gdb cut every trace without a site ({@link TraceDepths}), 0: none. */
  public static final String LOG_TRACE_LIMIT = "log_trace_limit";
  /** The log line of the first allocation without a site, plus one (0: none). */
  public static final String LOG_TRACE_LIMIT_LINE = "log_trace_limit_line";
  public static final String TYPING_SNAPSHOTS = "typing_snapshots";
  public static final String ROWS_WRITTEN = "rows_written";
  public static final String FRAMES_RENDERED = "frames_rendered";
  public static final String RENDER_NANOS = "render_nanos";

  private Counters() {}

  /** Rows written into one table. */
  public static String rows(Table table) {
    return "rows_" + table.folder();
  }
}
