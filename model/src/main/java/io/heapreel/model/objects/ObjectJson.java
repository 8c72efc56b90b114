package io.heapreel.model.objects;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an {@link ObjectSnapshot} as the {@code inspect --json} document: {@code snapshot},
 * {@code layout}, {@code object_repr} and {@code object_repr_from} (the object representation the
 * words were read by, and how it was found, as in the capture table), {@code counts}, {@code objects} (address, block, blocks, type, role, type_source, name, preview,
 * keys, reachable, retained_blocks, dominator, owner, refs) and {@code roots} (name, address, target). Addresses are hex
 * strings; {@code owner} (raw blocks only) is the owning allocation or the VM state symbol.
 */
public final class ObjectJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private ObjectJson() {}

  /** @param layout the layout {@code s} was inspected with */
  public static void write(ObjectSnapshot s, Layout layout, OutputStream out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("snapshot", s.snapshot());
      g.writeStringField("layout", s.layout());
      g.writeStringField("object_repr", layout.repr().macro());
      g.writeStringField("object_repr_from", layout.reprFrom());
      g.writeObjectFieldStart("counts");
      g.writeNumberField("objects", s.objects().size());
      g.writeNumberField("unknown", s.unknown());
      g.writeNumberField("unreachable", s.unreachable());
      g.writeNumberField("flagged", s.flagged());
      g.writeBooleanField("qstr_chain_corrupt", s.qstrChainCorrupt());
      g.writeEndObject();
      g.writeArrayFieldStart("objects");
      for (HeapObject o : s.objects()) {
        writeObject(g, o, s);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("roots");
      for (Root r : s.roots()) {
        g.writeStartObject();
        g.writeStringField("name", r.name());
        g.writeStringField("address", hex(r.address()));
        g.writeStringField("target", hex(r.targetAddress()));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void writeObject(JsonGenerator g, HeapObject o, ObjectSnapshot s) throws IOException {
    g.writeStartObject();
    g.writeStringField("address", hex(o.address()));
    g.writeNumberField("block", o.block());
    g.writeNumberField("blocks", o.blocks());
    g.writeStringField("type", o.type());
    g.writeStringField("role", o.role().label());
    g.writeStringField("type_source", o.typeSource() == null ? null : o.typeSource().label());
    g.writeStringField("name", o.name());
    g.writeStringField("preview", o.preview());
    if (o.keys() != null) {
      g.writeArrayFieldStart("keys");
      for (String k : o.keys()) {
        g.writeString(k);
      }
      g.writeEndArray();
    }
    g.writeBooleanField("reachable", o.reachable());
    g.writeNumberField("retained_blocks", o.retainedBlocks());
    g.writeStringField("dominator", dominator(o.dominator()));
    if (o.owner() > 0) {
      g.writeStringField("owner", hex(o.owner()));
    } else if (o.owner() == 0) {
      g.writeStringField("owner", s.stateSymbol());
    }
    if (o.flagged()) {
      g.writeBooleanField("flagged", true);
    }
    g.writeArrayFieldStart("refs");
    for (HeapObject.Reference r : o.refs()) {
      g.writeStartObject();
      g.writeNumberField("offset", r.offset());
      g.writeStringField("target", hex(r.target()));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** An address, or {@code (root)} / {@code (unreachable)} as DevTools names the two entries. */
  static String dominator(long dominator) {
    if (dominator == HeapObject.BY_ROOTS) {
      return "(root)";
    }
    return dominator == HeapObject.GARBAGE ? "(unreachable)" : hex(dominator);
  }

  public static String hex(long address) {
    return String.format("0x%08x", address);
  }
}
