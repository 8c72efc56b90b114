package io.heapreel.model.render;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.gclog.GcLogParser;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.Action;
import io.heapreel.model.lifespan.LifespanBuilder;
import io.heapreel.model.lifespan.LogReplayer;
import io.heapreel.model.lifespan.LiveAllocations;
import io.heapreel.model.lifespan.SiteRules;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Frame captions from the gdb log, through the log parser and the lifespan replay: the event's
 * action as the replay names it, its blocks (for a free or sweep, which log length 0, the size of
 * the allocation that ends), and the allocation site.
 */
public final class FrameEvents {
  private FrameEvents() {}

  /** The caption of one event; {@code endingBlocks} is the live allocation's size before it. */
  public static FrameEvent of(GcEvent event, Action action, int endingBlocks, SiteRules rules, HeapLocation heap) {
    return of(event, action, endingBlocks, rules.siteIndex(event.trace()), null, heap);
  }

  /**
   * @param site the index of the allocation site in the trace ({@link SiteRules#siteIndex}), -1 for none
   * @param shown the allocations the event's snapshot shows ({@link LifespanBuilder#shownAt}), whose
   *     site roles colour the blocks the memory leaves unknown; null for none
   * @param heap the heap whose heap blocks the log's start blocks are: the caption names the area
   *     and the block in it (a block in no area is counted from the first and not drawn)
   */
  public static FrameEvent of(GcEvent event, Action action, int endingBlocks, int site, LiveAllocations shown, HeapLocation heap) {
    int blocks = event.length() > 0 ? event.length() : endingBlocks;
    int area = Math.max(0, heap.areaOf(event.startBlock()));
    int block = event.startBlock() - heap.heapBlock(area, 0);
    return new FrameEvent(event.index(), action.label(), area, block, blocks, site(event, site),
        shown == null ? null : shown.withSiteRolesOnly());
  }

  /**
   * {@code event} in the area its snapshot has ({@code present}, {@link HeapLocation#present}): a heap
   * that grows may hold the same memory as two areas of other geometry at other times, and the log
   * alone cannot tell which.
   */
  public static FrameEvent placed(FrameEvent event, HeapLocation heap, long present) {
    if (event == null || event.area() >= heap.areas().size() || (present & (1L << event.area())) != 0) {
      return event;
    }
    int heapBlock = heap.heapBlock(event.area(), event.startBlock());
    int area = heap.areaOf(heapBlock, present);
    return area < 0 ? event : new FrameEvent(event.event(), event.action(), area, heapBlock - heap.heapBlock(area, 0), event.blocks(),
        event.site(), event.siteRoles());
  }

  /** Captions of the events {@code wanted} selects; the others are replayed but not kept. */
  public static Map<Long, FrameEvent> read(Path log, SiteRules rules, HeapLocation heap, LongPredicate wanted) {
    Map<Long, FrameEvent> captions = new HashMap<>();
    GcLogParser.parse(log, LogReplayer.untyped(rules, wanted, new LogReplayer.Listener() {
      @Override
      public void event(GcEvent event, Action action, int site, int endingBlocks, LiveAllocations shown) {
        if (shown != null) {
          captions.put(event.index(), of(event, action, endingBlocks, site, shown, heap));
        }
      }
    }));
    return captions;
  }

  private static String site(GcEvent event, int i) {
    if (i < 0) {
      return "";
    }
    Frame f = event.trace().get(i);
    return f.hasSource() ? f.function() + " (" + f.fileName() + ":" + f.line() + ")" : f.function();
  }
}
