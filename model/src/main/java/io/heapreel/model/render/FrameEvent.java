package io.heapreel.model.render;

import java.io.Serializable;

/**
 * The event a snapshot was taken at, for the caption and the highlight.
 *
 * @param action alloc, free, sweep, realloc ... (free text, as the log parser names it)
 * @param area heap area the start block belongs to
 * @param startBlock the logged start block
 * @param blocks the logged length; 0 for a free or sweep, whose allocation is then highlighted
 * @param site the allocation site (first frame outside the allocator), or empty
 */
public record FrameEvent(long event, String action, int area, int startBlock, int blocks, String site)
    implements Serializable {
  public FrameEvent {
    action = action == null ? "" : action;
    site = site == null ? "" : site;
  }
}
