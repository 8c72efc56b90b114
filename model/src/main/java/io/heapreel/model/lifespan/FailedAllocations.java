package io.heapreel.model.lifespan;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.gclog.GcEvent;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Finds, in the replayed events, the allocations that failed. MicroPython v1.28's {@code gc_alloc}
 * (py/gc.c) that finds no free run collects and searches again, and returns NULL when the second
 * search fails too; {@code m_malloc} (py/malloc.c) then raises through {@code m_malloc_fail}. The log
 * shows two traces of that, each only sometimes:
 *
 * <ul>
 *   <li>the collection's sweeps, with {@code gc_alloc (n_bytes=N, ...)} below {@code gc_collect} in
 *       their traces, and then no alloc of that request: the retry found nothing. A collection that
 *       frees nothing leaves no event, so neither does a request that fails after it;
 *   <li>the events of the {@code MemoryError}'s making ({@code mp_obj_new_exception_msg_vlist}
 *       allocating its message), with {@code m_malloc_fail (num_bytes=N)} in their traces. A heap too
 *       full even for the message, or a locked heap, leaves none.
 * </ul>
 *
 * One failure seen both ways is told once. A request whose collection freed nothing and whose caller
 * coped with NULL ({@code m_malloc_maybe}, {@code m_realloc_maybe}) leaves no trace at all, nor does
 * an allocation refused while the heap is locked ({@code micropython.heap_lock()}).
 */
public final class FailedAllocations {
  static final String GC_ALLOC = "gc_alloc";
  static final String MALLOC_FAIL = "m_malloc_fail";

  private final SiteRules rules;
  private final Consumer<FailedAllocation> out;
  /** The request whose collection's sweeps are being replayed, or null. */
  private Request collecting;
  private int lastSweptBlock;
  /** The failure whose MemoryError is being made (its events follow one another), or null. */
  private FailedAllocation raising;
  private long lastEvent = -1;

  public FailedAllocations(SiteRules rules, Consumer<FailedAllocation> out) {
    this.rules = rules;
    this.out = out;
  }

  /** The next event of the replay, in log order. */
  public void event(GcEvent event, Action action) {
    FailedAllocation retryFailed = null;
    if (collecting != null) {
      Request sweepOf = action == Action.SWEEP ? Request.below(event.trace(), GC_ALLOC, 0, rules) : null;
      // a sweep goes up each area's table, the areas in the collector's list order: the first area
      // (heap blocks from 0) first. So a lower block starts another collection, but for a block
      // below 0, in an area a heap that grows placed below the first one, which its sweep reaches
      // after the first area's (and in the list's order, not the blocks')
      if (sweepOf != null && sweepOf.sameCall(collecting) && (event.startBlock() > lastSweptBlock || event.startBlock() < 0)) {
        lastSweptBlock = event.startBlock();
        lastEvent = event.index();
        return;
      }
      Request allocOf = action == Action.ALLOC ? Request.below(event.trace(), GC_ALLOC, 0, rules) : null;
      if (allocOf == null || !allocOf.sameCall(collecting)) {
        retryFailed = collecting.failure(event.index() - 1, event.index(), true, false);
      }
      collecting = null;
    }
    Request raised = Request.below(event.trace(), MALLOC_FAIL, 1, rules);
    if (raised == null) {
      raising = null;
      if (retryFailed != null) {
        out.accept(retryFailed);
      }
    } else if (retryFailed != null && Request.of(retryFailed).sameSite(raised)) {
      raising = retryFailed.alsoMemoryError();
      out.accept(raising);
    } else {
      if (retryFailed != null) {
        out.accept(retryFailed);
        raising = null;
      }
      if (raising == null || !Request.of(raising).sameSite(raised)) {
        raising = raised.failure(event.index() - 1, event.index(), false, true);
        out.accept(raising);
      }
    }
    if (action == Action.SWEEP) {
      collecting = Request.below(event.trace(), GC_ALLOC, 0, rules);
      lastSweptBlock = event.startBlock();
    }
    lastEvent = event.index();
  }

  /** The end of the log: a collection whose sweeps end it was followed by no retry. */
  public void end() {
    if (collecting != null) {
      out.accept(collecting.failure(lastEvent, -1, true, false));
      collecting = null;
    }
  }

  /** The frames of one request and its bytes. */
  private record Request(List<Frame> trace, int site, long bytes) {
    /**
     * The request whose frame is the first named {@code function} in the trace: its frames from
     * {@code skip} frames past it; null when the trace has no such frame.
     */
    static Request below(List<Frame> trace, String function, int skip, SiteRules rules) {
      for (int i = 0; i < trace.size(); i++) {
        if (trace.get(i).function().equals(function)) {
          List<Frame> frames = trace.subList(Math.min(trace.size(), i + skip), trace.size());
          // the whole trace says whether the allocator's frames can be told at all (SiteRules.siteIndex)
          int site = rules.siteIndex(trace) < 0 ? -1 : firstOutside(frames, rules);
          long bytes = skip == 0 || frames.isEmpty() || rules.isAllocator(frames.get(0)) ? confirmedNumber(trace.get(i).arguments()) : -1;
          return new Request(frames, site, bytes);
        }
      }
      return null;
    }

    static Request of(FailedAllocation f) {
      return new Request(f.trace(), f.site(), f.bytes());
    }

    private static int firstOutside(List<Frame> frames, SiteRules rules) {
      for (int i = 0; i < frames.size(); i++) {
        if (!rules.isAllocator(frames.get(i))) {
          return i;
        }
      }
      return -1;
    }

    /**
     * The first argument's value when gdb vouches for it: {@code n=n@entry=24} (the value at the
     * call, equal to the one now) or {@code n@entry=24}. A plain {@code n=24} is what the register
     * or slot holds now, which after the call may be something else: {@code m_malloc_fail}'s
     * {@code num_bytes} printed as an address during the raise's unwinding.
     */
    static long confirmedNumber(String arguments) {
      int comma = arguments.indexOf(',');
      String first = (comma < 0 ? arguments : arguments.substring(0, comma)).strip();
      int eq = first.indexOf('=');
      if (eq <= 0) {
        return -1;
      }
      String name = first.substring(0, eq);
      String value;
      if (name.endsWith("@entry")) {
        value = first.substring(eq + 1);
      } else if (first.startsWith(name + "=" + name + "@entry=")) {
        value = first.substring(2 * name.length() + "=@entry=".length());
      } else {
        return -1;
      }
      try {
        return value.startsWith("0x") ? Long.parseLong(value.substring(2), 16) : Long.parseLong(value);
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    /** The same call of the same function: the same bytes asked and the same callers (their return addresses). */
    boolean sameCall(Request other) {
      return bytes == other.bytes && sameFrames(trace.subList(1, trace.size()), other.trace.subList(1, other.trace.size()));
    }

    /**
     * The same site: the same function outside the allocator, called from the same places. Not the
     * same line: {@code qstr_add} (py/qstr.c) asks {@code m_malloc_maybe} for a pool and, when that
     * fails, calls {@code m_malloc_fail} itself.
     */
    boolean sameSite(Request other) {
      if (site < 0 || other.site < 0) {
        // the allocator's frames cannot be told (no source files, no map): the whole request, so that
        // the events of one raise are still one failure
        return sameFrames(trace, other.trace);
      }
      if (!trace.get(site).function().equals(other.trace.get(other.site).function())) {
        return false;
      }
      return sameFrames(trace.subList(site + 1, trace.size()), other.trace.subList(other.site + 1, other.trace.size()));
    }

    private static boolean sameFrames(List<Frame> a, List<Frame> b) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        Frame x = a.get(i);
        Frame y = b.get(i);
        if (x.pc() != y.pc() || x.line() != y.line() || !x.function().equals(y.function()) || !Objects.equals(x.file(), y.file())) {
          return false;
        }
      }
      return true;
    }

    FailedAllocation failure(long event, long noticedAt, boolean collected, boolean memoryError) {
      return new FailedAllocation(event, noticedAt, bytes, trace, site, collected, memoryError);
    }
  }
}
