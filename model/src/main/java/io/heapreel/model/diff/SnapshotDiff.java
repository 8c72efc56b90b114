package io.heapreel.model.diff;

import java.util.List;

/**
 * What changed between two snapshots, grouped by type or by call site.
 *
 * @param identity how an allocation was known in both: {@code log} (its allocating event, from the
 *     lifespans) or {@code address} (address, blocks and type: no log)
 * @param groups the figures per type or site, the most blocks added (allocated minus freed) first
 * @param total all groups together
 * @param added the allocations in {@code to} that were not in {@code from}, the largest first
 */
public record SnapshotDiff(long from, long to, String by, String identity, List<Group> groups, Group total, List<Added> added) {
  public SnapshotDiff {
    groups = List.copyOf(groups);
    added = List.copyOf(added);
  }

  /** How many allocations and how many blocks. */
  public record Count(long count, long blocks) {
    public static final Count NONE = new Count(0, 0);

    Count plus(long blocks) {
      return new Count(count + 1, this.blocks + blocks);
    }
  }

  /**
   * @param allocated in {@code to}, not in {@code from}
   * @param freed in {@code from}, not in {@code to}
   * @param survived in both
   * @param transients allocated after {@code from} and gone by {@code to}: in neither (only known
   *     from the log)
   */
  public record Group(String key, Count allocated, Count freed, Count survived, Count transients) {
    public long netBlocks() {
      return allocated.blocks() - freed.blocks();
    }
  }

  /** A new allocation of {@code to}, described; {@code allocationId} and {@code site} null without the log. */
  public record Added(long address, int blocks, String type, String name, String preview, Long allocationId, String site) {}
}
