package io.heapreel.model.export;

/**
 * The edge types of a {@code .heapsnapshot}, in V8's order. {@code element} and {@code hidden}
 * edges carry a number (an index), all others a name from the string table.
 */
public enum EdgeType {
  CONTEXT("context"),
  ELEMENT("element"),
  PROPERTY("property"),
  INTERNAL("internal"),
  HIDDEN("hidden"),
  SHORTCUT("shortcut"),
  WEAK("weak");

  private final String label;

  EdgeType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Whether the edge's name_or_index field is a number rather than a string index. */
  public boolean indexed() {
    return this == ELEMENT || this == HIDDEN;
  }
}
