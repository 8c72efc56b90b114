package io.heapreel.model.render;

import io.heapreel.model.lifespan.LiveAllocations;
import java.io.Serializable;

/**
 * The event a snapshot was taken at, for the caption and the highlight.
 *
 * @param action alloc, free, sweep, realloc ... (free text, as the log parser names it)
 * @param area heap area the start block belongs to
 * @param startBlock the logged start block
 * @param blocks the logged length; 0 for a free or sweep, whose allocation is then highlighted
 * @param site the allocation site (first frame outside the allocator), or empty
 * @param siteRoles the allocations the snapshot shows whose allocation site gives a role (in area
 *     0), for the blocks the memory leaves unknown
 */
public record FrameEvent(long event, String action, int area, int startBlock, int blocks, String site, LiveAllocations siteRoles)
    implements Serializable {
  public FrameEvent {
    action = action == null ? "" : action;
    site = site == null ? "" : site;
    siteRoles = siteRoles == null ? LiveAllocations.unknown(event) : siteRoles;
  }

  /** Without site roles. */
  public FrameEvent(long event, String action, int area, int startBlock, int blocks, String site) {
    this(event, action, area, startBlock, blocks, site, null);
  }
}
