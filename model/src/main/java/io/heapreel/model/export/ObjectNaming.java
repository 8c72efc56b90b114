package io.heapreel.model.export;

import io.heapreel.model.capture.Memory;
import io.heapreel.model.heap.Allocation;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What an allocation is shown as, from its first word alone: a built-in type's instance is an
 * {@code object} node named by the type ({@code dict}, {@code list}, ...), a {@code str} a
 * {@code string} node carrying its text, an object whose type is a class on the heap an
 * {@code instance}, anything else (item arrays, map tables, bytecode, qstr chunks) a
 * {@code hidden} raw block.
 */
final class ObjectNaming {
  static final String RAW_BLOCK = "(raw block)";
  static final String INSTANCE = "instance";
  static final int MAX_TEXT = 1024;

  record Shown(NodeType type, String name) {}

  private final Memory memory;
  private final int wordSize;
  private final List<Allocation> allocations;
  private final HeapHeads heads;

  ObjectNaming(Memory memory, int wordSize, List<Allocation> allocations, HeapHeads heads) {
    this.memory = memory;
    this.wordSize = wordSize;
    this.allocations = allocations;
    this.heads = heads;
  }

  Shown of(Allocation a) {
    String type = a.builtinType();
    if ("str".equals(type)) {
      return new Shown(NodeType.STRING, text(a));
    }
    if (type != null) {
      return new Shown(NodeType.OBJECT, type);
    }
    int typeObject = heads.allocationAt(a.typeWord());
    if (typeObject >= 0 && "type".equals(allocations.get(typeObject).builtinType())) {
      return new Shown(NodeType.OBJECT, INSTANCE);
    }
    return new Shown(NodeType.HIDDEN, RAW_BLOCK);
  }

  /** The text of an mp_obj_str_t (base, hash, len, data), cut at {@link #MAX_TEXT} bytes. */
  private String text(Allocation a) {
    long lenAt = a.address() + 2L * wordSize;
    long dataAt = a.address() + 3L * wordSize;
    if (!memory.contains(dataAt, wordSize)) {
      return "";
    }
    long len = Math.min(memory.word(lenAt, wordSize), MAX_TEXT);
    long data = memory.word(dataAt, wordSize);
    if (len <= 0 || !memory.contains(data, (int) len)) {
      return "";
    }
    byte[] bytes = new byte[(int) len];
    for (int i = 0; i < len; i++) {
      bytes[i] = (byte) memory.u8(data + i);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return "";
    }
  }
}
