package io.heapreel.model.lifespan;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.gclog.GcEvent;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * Which frames belong to the allocator and which callers are the collector's sweep.
 *
 * @param allocatorFiles file names (without folders) whose frames are the allocator itself; the
 *     allocation site is the first frame outside them
 * @param sweepFunctions callers of the hook (frame #1) that make a free a sweep
 */
public record SiteRules(Set<String> allocatorFiles, Set<String> sweepFunctions) implements Serializable {
  /** MicroPython: gc.c and malloc.c; {@code gc_sweep} (older firmware) and {@code gc_sweep_free_blocks} (v1.2x). */
  public static final SiteRules MICROPYTHON =
      new SiteRules(Set.of("gc.c", "malloc.c"), Set.of("gc_sweep", "gc_sweep_free_blocks"));

  public SiteRules {
    allocatorFiles = Set.copyOf(allocatorFiles);
    sweepFunctions = Set.copyOf(sweepFunctions);
  }

  public boolean isAllocator(Frame frame) {
    String name = frame.fileName();
    return name != null && allocatorFiles.contains(name);
  }

  /** Index in the trace of the first frame outside the allocator, or -1 when every frame is in it. */
  public int siteIndex(List<Frame> trace) {
    for (int i = 0; i < trace.size(); i++) {
      if (!isAllocator(trace.get(i))) {
        return i;
      }
    }
    return -1;
  }

  public boolean isSweep(GcEvent event) {
    Frame caller = event.caller();
    return caller != null && sweepFunctions.contains(caller.function());
  }

  /**
   * The action of one event, given whether its start block holds a live allocation: the rule of
   * gc_activity.py, with sweeps recognised by either function name and frees of unknown blocks
   * kept apart.
   */
  public Action classify(GcEvent event, boolean startBlockLive) {
    if (event.length() > 0) {
      return startBlockLive ? Action.REALLOC : Action.ALLOC;
    }
    if (!startBlockLive) {
      return Action.FREE_UNKNOWN;
    }
    return isSweep(event) ? Action.SWEEP : Action.FREE;
  }
}
