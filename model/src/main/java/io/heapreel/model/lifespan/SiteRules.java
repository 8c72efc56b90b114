package io.heapreel.model.lifespan;

import io.heapreel.model.capture.FirmwareCode;
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
 * @param allocatorCode the functions and code the firmware's map places in the allocator files,
 *     for frames gdb printed without a source file ({@code set print frame-info short-location},
 *     code without line information); see {@link #withFirmware}
 */
public record SiteRules(
    Set<String> allocatorFiles, Set<String> allocatorFunctions, Set<String> sweepFunctions, SiteRoles siteRoles,
    FirmwareCode.Part allocatorCode)
    implements Serializable {
  /**
   * MicroPython: gc.c and malloc.c, and {@code mp_obj_malloc_helper} and
   * {@code mp_obj_malloc_with_finaliser_helper} (py/obj.c, v1.22 on: the functions behind the
   * {@code mp_obj_malloc} macros, which allocate an object and set its type for most of the runtime's
   * constructors), and {@code mp_nonlocal_alloc} (py/pystack.h: an inline function that only calls
   * {@code m_malloc} without a Python stack; the backtrace names it as a frame of its own, before its
   * caller), and the port's {@code gc_collect} (py/gc.h: every port defines it; a sweep's trace
   * passes through it, so the sweep's site is what started the collection: the allocation that
   * found no room, or {@code gc.collect()}); {@code gc_sweep} (older firmware) and
   * {@code gc_sweep_free_blocks} (v1.2x); the built-in site table.
   */
  public static final SiteRules MICROPYTHON = new SiteRules(Set.of("gc.c", "malloc.c"),
      Set.of("mp_obj_malloc_helper", "mp_obj_malloc_with_finaliser_helper", "mp_nonlocal_alloc", "gc_collect"),
      Set.of("gc_sweep", "gc_sweep_free_blocks"), SiteRoles.micropython());

  public SiteRules {
    allocatorFiles = Set.copyOf(allocatorFiles);
    allocatorFunctions = Set.copyOf(allocatorFunctions);
    sweepFunctions = Set.copyOf(sweepFunctions);
    siteRoles = siteRoles == null ? SiteRoles.NONE : siteRoles;
    allocatorCode = allocatorCode == null ? FirmwareCode.Part.NONE : allocatorCode;
  }

  public SiteRules(Set<String> allocatorFiles, Set<String> allocatorFunctions, Set<String> sweepFunctions, SiteRoles siteRoles) {
    this(allocatorFiles, allocatorFunctions, sweepFunctions, siteRoles, FirmwareCode.Part.NONE);
  }

  /**
   * These rules with the firmware's own answer to which code is the allocator's, for frames without
   * a source file: the map's object files matched to the allocator files by name without the
   * extension ({@code gc.o} for {@code gc.c}).
   */
  public SiteRules withFirmware(FirmwareCode code) {
    return new SiteRules(allocatorFiles, allocatorFunctions, sweepFunctions, siteRoles, code.of(allocatorFiles));
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
    boolean inFiles = name != null ? allocatorFiles.contains(name)
        // a caller's pc is its return address, which may be just past the function's last byte (a call in tail position): pc - 1, as gdb looks them up
        : frame.pc() != Frame.NO_PC ? allocatorCode.hasCode(frame.pc() - 1) : allocatorCode.hasFunction(frame.function());
    return inFiles || allocatorFunctions.contains(frame.function());
  }

  /**
   * Index in the trace of the first frame outside the allocator, or -1 when every frame is in it or
   * when the allocator's frames cannot be told: the hook's own frame (the first, in the allocator's
   * file) names no file and no map said where its function is, so any frame could be the allocator's.
   */
  public int siteIndex(List<Frame> trace) {
    if (!trace.isEmpty() && !isAllocator(trace.get(0))) {
      return -1;
    }
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
