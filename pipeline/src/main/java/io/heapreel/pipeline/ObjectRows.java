package io.heapreel.pipeline;

import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.LiveAllocations;
import io.heapreel.model.objects.HeapObject;
import io.heapreel.model.objects.ObjectSnapshot;
import io.heapreel.model.objects.Root;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Rows of {@code objects}, {@code references} and {@code roots} from one key frame's object view. */
record ObjectRows(List<GenericRecord> objects, List<GenericRecord> references, List<GenericRecord> roots) {
  /**
   * @param allocations the allocations the log says the snapshot shows, by start block (heap blocks of
   *     {@code area}, as the lifespans'): each object's allocation id
   * @param stateAddress the VM state struct's address: the owner of blocks a state root gives a role
   */
  static ObjectRows of(long snapshot, ObjectSnapshot inspected, LiveAllocations allocations, HeapLocation area, Long stateAddress) {
    ObjectSnapshot view = inspected.withSiteRoles(allocations::siteRoleAt, area);
    List<GenericRecord> objects = new ArrayList<>(view.objects().size());
    List<GenericRecord> references = new ArrayList<>();
    for (HeapObject o : view.objects()) {
      GenericRecord r = new GenericData.Record(Table.OBJECTS.schema());
      r.put("snapshot", snapshot);
      r.put("allocation_id", area.inPool(o.address()) ? allocations.allocationAt(o.block()) : null);
      r.put("address", o.address());
      r.put("block", o.block());
      r.put("blocks", o.blocks());
      r.put("bytes", (long) o.blocks() * area.bytesPerBlock());
      r.put("type", o.typeName());
      r.put("role", o.role().label());
      r.put("type_source", o.typeSource() == null ? null : o.typeSource().label());
      r.put("name", o.name());
      r.put("preview", o.preview());
      r.put("keys", o.keys());
      r.put("owner", o.owner() > 0 ? Long.valueOf(o.owner()) : o.owner() == 0 ? stateAddress : null);
      r.put("reachable", o.reachable());
      r.put("retained_blocks", o.retainedBlocks());
      r.put("retained_bytes", o.retainedBlocks() * area.bytesPerBlock());
      r.put("dominator", o.dominator() > 0 ? o.dominator() : null);
      objects.add(r);
      for (HeapObject.Reference ref : o.refs()) {
        GenericRecord e = new GenericData.Record(Table.REFERENCES.schema());
        e.put("snapshot", snapshot);
        e.put("from_address", o.address());
        e.put("word_offset", ref.offset());
        e.put("to_address", ref.target());
        references.add(e);
      }
    }
    List<GenericRecord> roots = new ArrayList<>(view.roots().size());
    for (Root root : view.roots()) {
      GenericRecord r = new GenericData.Record(Table.ROOTS.schema());
      r.put("snapshot", snapshot);
      r.put("name", root.name());
      r.put("address", root.address());
      r.put("to_address", root.targetAddress());
      roots.add(r);
    }
    return new ObjectRows(objects, references, roots);
  }
}
