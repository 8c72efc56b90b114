package io.heapreel.model.lifespan;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.types.Role;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * Which frames belong to the allocator and which callers are the collector's sweep.
 *
 * @param allocatorFiles file names (without folders) whose frames are the allocator itself; the
 *     allocation site is the first frame outside them and outside the allocator functions
 * @param allocatorFunctions functions in other files that only wrap the allocator, whose frames are
 *     skipped the same way
 * @param sweepFunctions callers of the hook (frame #1) that make a free a sweep
 * @param siteRoles the role each allocation site gives a block whose memory cannot tell
 */
public record SiteRules(Set<String> allocatorFiles, Set<String> allocatorFunctions, Set<String> sweepFunctions, SiteRoles siteRoles)
    implements Serializable {
  /**
   * MicroPython: gc.c and malloc.c, and {@code mp_obj_malloc_helper} and
   * {@code mp_obj_malloc_with_finaliser_helper} (py/obj.c, v1.22 on: the functions behind the
   * {@code mp_obj_malloc} macros, which allocate an object and set its type for most of the runtime's
   * constructors), and {@code mp_nonlocal_alloc} (py/pystack.h: an inline function that only calls
   * {@code m_malloc} without a Python stack; the backtrace names it as a frame of its own, before its
   * caller); {@code gc_sweep} (older firmware) and {@code gc_sweep_free_blocks} (v1.2x); the built-in
   * site table.
   */
  public static final SiteRules MICROPYTHON = new SiteRules(Set.of("gc.c", "malloc.c"),
      Set.of("mp_obj_malloc_helper", "mp_obj_malloc_with_finaliser_helper", "mp_nonlocal_alloc"),
      Set.of("gc_sweep", "gc_sweep_free_blocks"), SiteRoles.micropython());

  public SiteRules {
    allocatorFiles = Set.copyOf(allocatorFiles);
    allocatorFunctions = Set.copyOf(allocatorFunctions);
    sweepFunctions = Set.copyOf(sweepFunctions);
    siteRoles = siteRoles == null ? SiteRoles.NONE : siteRoles;
  }

  /** MicroPython's allocator functions, without site roles. */
  public SiteRules(Set<String> allocatorFiles, Set<String> sweepFunctions) {
    this(allocatorFiles, MICROPYTHON.allocatorFunctions(), sweepFunctions, SiteRoles.NONE);
  }

  /** The role the allocation site of a trace gives ({@link #siteIndex}), or {@link Role#UNKNOWN}. */
  public Role siteRole(List<Frame> trace, int site) {
    return site < 0 ? Role.UNKNOWN : siteRoles.roleOf(trace.get(site));
  }

  public boolean isAllocator(Frame frame) {
    String name = frame.fileName();
    return (name != null && allocatorFiles.contains(name)) || allocatorFunctions.contains(frame.function());
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
