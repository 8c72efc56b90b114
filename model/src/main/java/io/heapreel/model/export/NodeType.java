package io.heapreel.model.export;

/**
 * The node types of a {@code .heapsnapshot}, in the order V8 writes them: the ordinal is the
 * number stored in the {@code nodes} array, the label is what the {@code meta} block lists.
 * DevTools derives the class shown in the Summary from the type: {@code object} and
 * {@code native} nodes by their name, the others as "(system)", "(array)", "(string)", ...
 */
public enum NodeType {
  HIDDEN("hidden"),
  ARRAY("array"),
  STRING("string"),
  OBJECT("object"),
  CODE("code"),
  CLOSURE("closure"),
  REGEXP("regexp"),
  NUMBER("number"),
  NATIVE("native"),
  SYNTHETIC("synthetic"),
  CONCATENATED_STRING("concatenated string"),
  SLICED_STRING("sliced string"),
  SYMBOL("symbol"),
  BIGINT("bigint"),
  OBJECT_SHAPE("object shape");

  private final String label;

  NodeType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
