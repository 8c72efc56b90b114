package io.heapreel.model.objects;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.types.Roles;
import io.heapreel.model.types.Role;
import io.heapreel.model.capture.SnapshotReads;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.AllocationTyper;

/**
 * Types allocations by start block from the snapshots of one capture, keeping the typing of the
 * snapshot asked last: the lifespans typed together ask for the same snapshot in a row.
 * A raw block that nothing claims ({@code raw:unknown}) is not settled: its owner may claim it in
 * a later snapshot. A snapshot that cannot be read (a damaged compressed block) types nothing: its
 * damage is the snapshot decoding's to report. Not thread-safe, like the mapping it reads.
 */
public final class SnapshotTyper implements AllocationTyper {
  /** A raw block no owner claims (yet). */
  private static final String UNKNOWN = Roles.typeName(Roles.RAW, Role.UNKNOWN);

  private final SnapshotReads snapshots;
  private final ObjectInspector inspector;
  private final HeapLocation heap;
  private final GridTypings ahead;
  private long current = -1;
  private ObjectInspector.Typing typing;
  private long typings;

  /** @param heap the heap whose heap blocks the start blocks are */
  public SnapshotTyper(SnapshotReads snapshots, ObjectInspector inspector, HeapLocation heap) {
    this(snapshots, inspector, heap, null);
  }

  /** Taking the typings of grid snapshots from {@code ahead} (null for none) when it has them. */
  public SnapshotTyper(SnapshotReads snapshots, ObjectInspector inspector, HeapLocation heap, GridTypings ahead) {
    this.snapshots = snapshots;
    this.inspector = inspector;
    this.heap = heap;
    this.ahead = ahead;
  }

  @Override
  public String typeAt(long snapshot, int startBlock) {
    if (snapshot != current) {
      current = snapshot;
      GridTypings.Made made = ahead == null ? null : ahead.take(snapshot);
      if (made != null) {
        typing = made.typing();
        typings += typing == null ? 0 : 1;
      } else {
        try {
          typing = inspector.types(snapshots.snapshot(snapshot));
          typings++;
        } catch (CaptureException unreadable) {
          typing = null;
        }
      }
    }
    return typing == null ? null : typing.typeAt(heap.blockAddress(startBlock));
  }

  @Override
  public boolean settled(String type) {
    return type != null && !UNKNOWN.equals(type);
  }

  /** How many snapshots were typed so far. */
  public long typings() {
    return typings;
  }
}
