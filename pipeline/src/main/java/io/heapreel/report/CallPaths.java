package io.heapreel.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The allocations' backtraces merged into the report's call tree ({@link CallTrie}): the allocator's
 * own frames below the allocation site folded into it, frames named "function (file:line)". One
 * rule for both sides of the {@code call_tree} table: the replay, which writes it from the frames it
 * parsed, and the report, which builds the same tree from the {@code events} table's traces when a
 * run's tables have no {@code call_tree}.
 */
public final class CallPaths {
  /**
   * A frame or a site by its column values in the tables ({@code function}, {@code file},
   * {@code line}; the line is null when the file is). Not a record: its hash is worked out once, as
   * every frame of every allocation is looked up by it (a record's, on the quick compiler, costs
   * several calls a look-up).
   */
  public static final class Frame {
    private final String function;
    private final String file;
    private final Integer line;
    private final int hash;

    public Frame(String function, String file, Integer line) {
      this.function = function;
      this.file = file;
      this.line = line;
      this.hash = Objects.hash(function, file, line);
    }

    public String function() {
      return function;
    }

    public String file() {
      return file;
    }

    public Integer line() {
      return line;
    }

    /** The frame's node name in the call tree. */
    String name() {
      return function + (file == null ? "" : " (" + file + (line == null ? "" : ":" + line) + ")");
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof Frame f && f.hash == hash && Objects.equals(f.function, function) && Objects.equals(f.file, file) && Objects.equals(f.line, line);
    }

    @Override
    public String toString() {
      return name();
    }
  }

  private final CallTrie trie;
  private final Map<Frame, Integer> frameIds = new HashMap<>();

  public CallPaths() {
    this(new CallTrie());
  }

  CallPaths(CallTrie trie) {
    this.trie = trie;
  }

  /**
   * The node of an allocation's call path.
   *
   * @param innermostFirst its backtrace, innermost frame first
   * @param site its allocation site; null (or a null function) for none
   */
  public int add(List<Frame> innermostFirst, Frame site) {
    int from = siteFrame(innermostFirst, site);
    int[] frames = new int[innermostFirst.size() - from];
    for (int i = innermostFirst.size() - 1, k = 0; i >= from; i--, k++) {
      frames[k] = frameIds.computeIfAbsent(innermostFirst.get(i), f -> trie.frameId(f.name()));
    }
    return trie.add(frames);
  }

  /** Nodes so far; node 0 is the root, "all", and a parent's number is below its children's. */
  public int nodes() {
    return trie.nodes();
  }

  /** The parent of a node other than the root. */
  public int parent(int node) {
    return trie.parent(node);
  }

  /** The name of a node's frame ("all" for the root). */
  public String frame(int node) {
    return trie.frame(node);
  }

  /**
   * The allocation site's frame in the trace (innermost first): the allocator's own frames below it
   * are folded into it, as {@code heapreel tree} and gc_activity.py show the tree. 0 when no frame is the site.
   */
  private static int siteFrame(List<Frame> trace, Frame site) {
    if (site == null || site.function() == null) {
      return 0;
    }
    for (int i = 0; i < trace.size(); i++) {
      Frame f = trace.get(i);
      if (site.function().equals(f.function()) && Objects.equals(f.line(), site.line())) {
        return i;
      }
    }
    return 0;
  }
}
