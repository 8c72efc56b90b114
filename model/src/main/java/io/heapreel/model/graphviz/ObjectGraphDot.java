package io.heapreel.model.graphviz;

import io.heapreel.model.objects.HeapObject;
import io.heapreel.model.objects.ObjectSnapshot;
import io.heapreel.model.objects.Root;
import io.heapreel.model.render.ColourClass;
import io.heapreel.model.render.Palette;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A {@link GraphCut} of one snapshot as a Graphviz DOT graph, laid out left to right from the
 * roots: a box per allocation with its type, name and preview, growing with its blocks (by their
 * logarithm: a 192-block buffer beside a 1-block cell stays readable) and filled with the colour
 * frames give its type; an arrow per reference; the roots as nodes of their own, one per symbol
 * (or the stack) with each root word's offset on its arrow. Garbage has a dashed outline, and what a
 * drawn object alone keeps alive but is left out is a grey note beside it.
 */
public final class ObjectGraphDot {
  static final int PREVIEW_CHARS = 28;

  private final Function<HeapObject, ColourClass> colours;
  private final int bytesPerBlock;

  public ObjectGraphDot(Function<HeapObject, ColourClass> colours, int bytesPerBlock) {
    this.colours = colours;
    this.bytesPerBlock = bytesPerBlock;
  }

  public String dot(ObjectSnapshot s, GraphCut cut, String title) {
    List<HeapObject> objects = s.objects();
    Map<Long, Integer> index = new HashMap<>(objects.size() * 2);
    for (int i = 0; i < objects.size(); i++) {
      index.put(objects.get(i).address(), i);
    }
    boolean[] drawn = new boolean[objects.size()];
    cut.objects().forEach(i -> drawn[i] = true);
    StringBuilder dot = new StringBuilder(1 << 16);
    dot.append("digraph heap {\n");
    dot.append("  graph [rankdir=LR, ranksep=0.5, nodesep=0.12, fontname=\"Helvetica\", fontsize=18, labelloc=t, labeljust=l, label=")
        .append(quote(title)).append("];\n");
    dot.append("  node [shape=box, style=\"filled,rounded\", fontname=\"Helvetica\", margin=\"0.06,0.03\"];\n");
    dot.append("  edge [color=\"#00000080\", arrowsize=0.5, fontname=\"Helvetica\", fontsize=8];\n");
    Map<Integer, String> legend = new TreeMap<>();
    StringBuilder garbage = new StringBuilder();
    for (int i : cut.objects()) {
      HeapObject o = objects.get(i);
      int colour = Palette.indexOf(colours.apply(o));
      legend.putIfAbsent(colour, legendLabel(colour));
      node(o.reachable() ? dot : garbage, o, colour, cut.start().contains(i));
    }
    if (garbage.length() > 0) {
      dot.append("  subgraph cluster_garbage {\n    label=\"unreachable: garbage the next collection frees\"; fontsize=14; style=dashed; color=\"#808080\";\n")
          .append(garbage.toString().replace("\n  ", "\n    ").replaceFirst("^  ", "    ")).append("  }\n");
    }
    roots(dot, cut.roots());
    for (int i : cut.objects()) {
      HeapObject o = objects.get(i);
      for (HeapObject.Reference r : o.refs()) {
        Integer t = index.get(r.target());
        if (t != null && drawn[t]) {
          dot.append("  ").append(id(o.address())).append(" -> ").append(id(r.target())).append(";\n");
        }
      }
    }
    cut.elided().forEach((i, e) -> {
      String id = id(objects.get(i).address()) + "_more";
      dot.append("  ").append(id).append(" [shape=note, style=\"filled,dashed\", fillcolor=\"#f4f4f4\", fontsize=9, label=")
          .append(quote("+" + e.objects() + (e.objects() == 1 ? " object, " : " objects, ") + e.blocks() + " blocks\nnot drawn"))
          .append("];\n");
      dot.append("  ").append(id(objects.get(i).address())).append(" -> ").append(id).append(" [style=dashed];\n");
    });
    legend(dot, legend);
    dot.append("}\n");
    return dot.toString();
  }

  private void node(StringBuilder dot, HeapObject o, int colour, boolean start) {
    double scale = Math.log(o.blocks()) / Math.log(2);
    List<String> lines = new ArrayList<>();
    lines.add(o.typeName());
    if (o.name() != null && !o.name().equals(o.type())) {
      lines.add(shorten(o.name()));
    }
    if (o.preview() != null) {
      lines.add(shorten("str".equals(o.type()) ? "'" + o.preview() + "'" : o.preview()));
    }
    if (o.keys() != null && !o.keys().isEmpty()) {
      lines.add(shorten(String.join(", ", o.keys())));
    }
    String size = o.blocks() + (o.blocks() == 1 ? " block" : " blocks");
    if (o.retainedBlocks() > o.blocks()) {
      size += ", retains " + o.retainedBlocks();
    }
    lines.add(size);
    int rgb = Palette.rgb(colour);
    dot.append("  ").append(id(o.address())).append(" [label=").append(quote(String.join("\n", lines)))
        .append(String.format(Locale.ROOT, ", width=%.2f, height=%.2f, fontsize=%.0f", 0.7 + 0.3 * scale, 0.3 + 0.1 * scale, 9 + 1.5 * scale))
        .append(String.format(", fillcolor=\"#%06x\", fontcolor=\"%s\"", rgb, dark(rgb) ? "white" : "black"));
    String style = "filled,rounded" + (o.reachable() ? "" : ",dashed") + (start ? ",bold" : "");
    dot.append(", style=\"").append(style).append('"');
    if (start) {
      dot.append(", penwidth=3");
    }
    dot.append(", tooltip=").append(quote(String.format("0x%08x, %d bytes", o.address(), (long) o.blocks() * bytesPerBlock)));
    dot.append("];\n");
  }

  /** One node per symbol (or the stack, or unnamed RAM), its root words' offsets on the arrows. */
  private static void roots(StringBuilder dot, List<Root> roots) {
    Map<String, List<Root>> bySymbol = new LinkedHashMap<>();
    for (Root r : roots) {
      int plus = r.name().lastIndexOf('+');
      bySymbol.computeIfAbsent(plus > 0 ? r.name().substring(0, plus) : r.name(), k -> new ArrayList<>()).add(r);
    }
    dot.append("  { rank=source;\n");
    for (Map.Entry<String, List<Root>> e : bySymbol.entrySet()) {
      dot.append("    ").append(rootId(e.getKey())).append(" [shape=box, style=\"filled,bold\", fillcolor=\"#ffffff\", fontsize=14, margin=\"0.15,0.08\", label=")
          .append(quote(e.getKey() + "\n" + e.getValue().size() + (e.getValue().size() == 1 ? " root word" : " root words"))).append("];\n");
    }
    dot.append("  }\n");
    for (Map.Entry<String, List<Root>> e : bySymbol.entrySet()) {
      for (Root r : e.getValue()) {
        int plus = r.name().lastIndexOf('+');
        dot.append("  ").append(rootId(e.getKey())).append(" -> ").append(id(r.targetAddress()));
        if (plus > 0) {
          dot.append(" [label=").append(quote(r.name().substring(plus))).append(']');
        }
        dot.append(";\n");
      }
    }
  }

  private static void legend(StringBuilder dot, Map<Integer, String> legend) {
    if (legend.isEmpty()) {
      return;
    }
    StringBuilder rows = new StringBuilder("<<table border=\"0\" cellspacing=\"2\" cellpadding=\"3\">");
    rows.append("<tr><td colspan=\"2\"><b>colours</b></td></tr>");
    legend.forEach((colour, label) -> rows.append(String.format("<tr><td bgcolor=\"#%06x\" width=\"20\"> </td><td align=\"left\">%s</td></tr>",
        Palette.rgb(colour), html(label))));
    rows.append("<tr><td colspan=\"2\" align=\"left\">dashed: unreachable</td></tr>");
    rows.append("<tr><td colspan=\"2\" align=\"left\">size grows with log2(blocks)</td></tr></table>>");
    dot.append("  { rank=sink; legend [shape=plaintext, style=\"\", fontsize=11, label=").append(rows).append("]; }\n");
  }

  private static String legendLabel(int colour) {
    for (Palette.Entry e : Palette.LEGEND) {
      if (e.index() == colour) {
        return e.label();
      }
    }
    return "other";
  }

  private static boolean dark(int rgb) {
    int r = rgb >> 16 & 0xff;
    int g = rgb >> 8 & 0xff;
    int b = rgb & 0xff;
    return 0.299 * r + 0.587 * g + 0.114 * b < 140;
  }

  private static String shorten(String s) {
    return s.length() <= PREVIEW_CHARS ? s : s.substring(0, PREVIEW_CHARS - 1) + "\u2026";
  }

  static String id(long address) {
    return String.format("a%08x", address);
  }

  private static String rootId(String symbol) {
    return "root_" + symbol.replaceAll("[^A-Za-z0-9_]", "_");
  }

  /** A DOT string: quotes and backslashes escaped (heapreel's previews hold escapes like \\n as text), newlines as line breaks. */
  static String quote(String s) {
    StringBuilder q = new StringBuilder(s.length() + 2).append('"');
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        default -> q.append(c < 0x20 ? ' ' : c);
      }
    }
    return q.append('"').toString();
  }

  private static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
