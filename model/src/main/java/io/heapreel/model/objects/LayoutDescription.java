package io.heapreel.model.objects;

import io.heapreel.model.error.CaptureException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A firmware family's layout as its {@code .layout} file describes it: structs with C types and
 * statements naming struct fields by path. {@link #at} places the structs for a word size (or takes
 * them from the firmware's own {@code ptype/o}) and turns the statements into the byte offsets of
 * a {@link Layout}.
 */
public record LayoutDescription(
    String family, String source, String stateSymbol, List<StructDeclaration> structs, List<Statement> statements) {
  /**
   * One {@code field}, {@code option}, {@code root} or {@code owner} line.
   *
   * @param when an owner rule's condition, {@code PATH=V,...}, or null
   */
  public record Statement(String keyword, String key, String spec, String value, String when, String where) {
    public Statement(String keyword, String key, String spec, String value, String where) {
      this(keyword, key, spec, value, null, where);
    }
  }

  public LayoutDescription {
    structs = List.copyOf(structs);
    statements = List.copyOf(statements);
  }

  /**
   * The layout for {@code wordSize}-byte words. {@code firmware} holds structs read from the
   * firmware itself (by struct name); they replace the description's struct of the same name.
   *
   * @param firmwareSource where {@code firmware} came from, for the layout's source; null when empty
   */
  public Layout at(int wordSize, Map<String, StructLayout> firmware, String firmwareSource) {
    Map<String, StructLayout> known;
    try {
      known = structLayouts(wordSize, firmware);
    } catch (IllegalArgumentException e) {
      throw new CaptureException(e.getMessage() + (firmwareSource == null ? "" : " (with the structs of " + firmwareSource + ")"), e);
    }
    StructPaths paths = new StructPaths(known);
    Map<String, Integer> fields = new LinkedHashMap<>();
    Map<String, String> options = new LinkedHashMap<>();
    List<FieldRule> roots = new ArrayList<>();
    Map<String, List<FieldRule>> owners = new LinkedHashMap<>();
    for (Statement s : statements) {
      try {
        switch (s.keyword()) {
          case "field" -> fields.put(s.key(), paths.offset(s.spec()));
          case "option" -> options.put(s.key(), s.value());
          case "root" -> roots.add(paths.rule(s.spec(), s.value()));
          case "owner" -> owners.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(paths.rule(s.spec(), s.value(), s.when()));
          default -> throw new IllegalStateException(s.keyword());
        }
      } catch (IllegalArgumentException e) {
        throw new CaptureException(s.where() + ": " + e.getMessage()
            + (firmwareSource == null ? "" : " (with the structs of " + firmwareSource + ")")
            + " at " + wordSize + "-byte words", e);
      }
    }
    owners.replaceAll((k, v) -> List.copyOf(v));
    String from = source + " at " + wordSize + "-byte words" + (firmwareSource == null ? "" : ", structs from " + firmwareSource);
    return new Layout(family, from, stateSymbol, fields, options, roots, owners, ObjectRepr.A, Layout.REPR_ASSUMED);
  }

  /** The described structs placed for {@code wordSize}, those of {@code firmware} taking their place. */
  public Map<String, StructLayout> structLayouts(int wordSize, Map<String, StructLayout> firmware) {
    Map<String, StructLayout> known = new LinkedHashMap<>(firmware);
    for (StructDeclaration d : structs) {
      if (!firmware.containsKey(d.name())) {
        known.put(d.name(), d.layout(wordSize, known));
      }
    }
    return known;
  }

  public Layout at(int wordSize) {
    return at(wordSize, Map.of(), null);
  }
}
