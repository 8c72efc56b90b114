package io.heapreel.model.lifespan;

/** What one event did to the heap, as gc_activity.py classifies it (plus {@link #FREE_UNKNOWN}). */
public enum Action {
  /** A block that was not live got an allocation. */
  ALLOC,
  /** A live block got a new length (in place): its allocation ends, a new one starts there. */
  REALLOC,
  /** A live block was freed explicitly (gc_free). */
  FREE,
  /** A live block was freed by the collector's sweep. */
  SWEEP,
  /**
   * A block that was not live was freed: it was allocated before the capture began.
   * gc_activity.py records this as an allocation of 0 blocks; heapreel makes no lifespan of it.
   */
  FREE_UNKNOWN;

  /** The lower-case name used in tables and files ({@code free_unknown}). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
