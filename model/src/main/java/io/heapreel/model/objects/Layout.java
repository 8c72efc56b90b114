package io.heapreel.model.objects;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Struct layouts of one firmware family, as data: offsets of the VM state fields and of the object
 * structs the decoder reads, the state's root pointers into raw blocks, and which fields of which
 * objects own which raw blocks. Read from a {@code .layout} file by {@link LayoutFile}.
 *
 * @param stateSymbol the VM state struct ({@code mp_state_ctx}) the state and root offsets are
 *     relative to
 * @param owners per built-in type name, {@code instance} (instances of heap classes) or raw role
 * @param repr how the firmware's object words encode small ints and qstrs
 * @param reprFrom what {@code repr} was found from
 */
public record Layout(
    String family,
    String source,
    String stateSymbol,
    Map<String, Integer> fields,
    Map<String, String> options,
    List<FieldRule> roots,
    Map<String, List<FieldRule>> owners,
    ObjectRepr repr,
    String reprFrom) implements Serializable {
  /** What a layout not yet checked against a snapshot assumes: the default representation. */
  public static final String REPR_ASSUMED = "assumed (the default)";

  public Layout {
    fields = Map.copyOf(fields);
    options = Map.copyOf(options);
    roots = List.copyOf(roots);
    owners = Map.copyOf(owners);
  }

  /** This layout for firmware whose object words are in representation {@code found}. */
  public Layout withRepr(ObjectReprFinder.Found found) {
    return new Layout(family, source, stateSymbol, fields, options, roots, owners, found.repr(), found.from());
  }

  /** This layout with one more option (or another value for it). */
  public Layout withOption(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(options);
    more.put(name, value);
    return new Layout(family, source, stateSymbol, fields, more, roots, owners, repr, reprFrom);
  }

  /** The field's offset; a layout without it is incomplete for the caller's purpose. */
  public int field(String name) {
    Integer offset = fields.get(name);
    if (offset == null) {
      throw new IllegalStateException(source + ": layout " + family + " has no field " + name);
    }
    return offset;
  }

  public Optional<Integer> optionalField(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  public int option(String name, int fallback) {
    String value = options.get(name);
    return value == null ? fallback : Integer.decode(value);
  }

  public List<FieldRule> ownedBy(String typeOrRole) {
    return owners.getOrDefault(typeOrRole, List.of());
  }
}
