package io.heapreel.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's aggregations on small hand-built inputs whose answers are worked out by hand. */
class AggregationsTest {
  @Test
  void shortTimelineKeepsEverySnapshot() {
    Timeline t = Timeline.of(new int[] {0, 1, 2}, new int[] {5, 6, 7}, new int[] {3, 2, 1}, new int[] {3, 1, 1}, new double[] {0, .5, 0}, 2);
    assertThat(t.perBucket()).isEqualTo(1);
    assertThat(t.x()).containsExactly(0, 1, 2);
    assertThat(t.used()).containsExactly(5, 6, 7);
  }

  @Test
  void longTimelineKeepsEachBucketsMinimumAndMaximum() {
    int[] snapshot = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    int[] used = {4, 9, 1, 3, 3, 2, 2, 8, 2, 5};
    double[] frag = {0, .1, .9, .2, .3, .4, .4, .4, .0, .4};
    Timeline t = Timeline.of(snapshot, used, used, used, frag, 2);
    assertThat(t.perBucket()).isEqualTo(5);
    // buckets 0-4 and 5-9: min at the first snapshot, max at the last
    assertThat(t.x()).containsExactly(0, 4, 5, 9);
    assertThat(t.used()).containsExactly(1, 9, 2, 8);
    assertThat(t.fragmentation()).containsExactly(0, .9, 0, .4);
  }

  @Test
  void unevenLastBucket() {
    int n = 7;
    int[] s = {0, 1, 2, 3, 4, 5, 6};
    int[] v = {1, 2, 3, 4, 5, 6, 7};
    Timeline t = Timeline.of(s, v, v, v, new double[n], 4);
    assertThat(t.perBucket()).isEqualTo(1);
    Timeline r = Timeline.of(s, v, v, v, new double[n], 2);
    // ceil(7/2) = 4 per bucket: 0-3, 4-6
    assertThat(r.x()).containsExactly(0, 3, 4, 6);
    assertThat(r.used()).containsExactly(1, 4, 5, 7);
  }

  @Test
  void callTrieMergesCommonCallersAndRollsUpTotals() {
    CallTrie trie = new CallTrie();
    int ab = trie.add(List.of("main", "a", "b"));
    int ac = trie.add(List.of("main", "a", "c"));
    int again = trie.add(List.of("main", "a", "b"));
    int d = trie.add(List.of("main", "d"));
    assertThat(again).isEqualTo(ab);
    assertThat(trie.nodes()).isEqualTo(6); // all, main, a, b, c, d
    assertThat(trie.frame(trie.parent(ab))).isEqualTo("a");
    assertThat(trie.parent(trie.parent(ac))).isEqualTo(trie.parent(d));
    long[] own = new long[trie.nodes()];
    own[ab] = 3;
    own[ac] = 4;
    own[d] = 10;
    long[] total = trie.totals(own);
    assertThat(total[0]).isEqualTo(17);
    assertThat(total[trie.parent(ab)]).isEqualTo(7);
    assertThat(total[trie.parent(d)]).isEqualTo(17);
    assertThat(total[d]).isEqualTo(10);
  }

  @Test
  void lifespanStatsPerGroup() {
    // group 0: lifespans 2, 4, 10 events and one still alive (3 blocks); group 1: one alive; group 2: none
    int[] start = {0, 1, 5, 3, 7};
    int[] end = {2, 5, 15, -1, -1};
    int[] blocks = {1, 2, 1, 3, 4};
    int[] group = {0, 0, 0, 0, 1};
    List<LifespanStats.Row> rows = LifespanStats.of(start, end, blocks, group, List.of("x", "y", "z"));
    assertThat(rows).containsExactly(
        new LifespanStats.Row("y", 1, 4, 1, 4, -1, -1),
        new LifespanStats.Row("x", 4, 7, 1, 3, 4, 10));
  }

  @Test
  void leakSuspectsKeepRising() {
    // 190 events: checkpoints at 0, 10, 20, ..., 190
    long last = 190;
    assertThat(LeakSuspects.checkpoints(last)).startsWith(0, 10, 20).endsWith(180, 190);
    List<Integer> start = new java.util.ArrayList<>();
    List<Integer> end = new java.util.ArrayList<>();
    List<Integer> blocks = new java.util.ArrayList<>();
    List<Integer> group = new java.util.ArrayList<>();
    for (int e = 0; e <= 190; e += 10) {
      // "leak": 2 blocks every 10 events, never freed
      start.add(e); end.add(-1); blocks.add(2); group.add(0);
      // "churn": 5 blocks freed 3 events later
      start.add(e); end.add(e + 3); blocks.add(5); group.add(1);
    }
    // "steady": 50 blocks from the start, alive to the end
    start.add(0); end.add(-1); blocks.add(50); group.add(2);
    // "start-up": 30 blocks at event 5, kept: rises once early, flat in the second half
    start.add(5); end.add(-1); blocks.add(30); group.add(4);
    // "slow": one block at event 95, alive: rises once, just after the middle checkpoint (event 90)
    start.add(95); end.add(-1); blocks.add(1); group.add(3);
    List<LeakSuspects.Suspect> suspects = LeakSuspects.rank(
        ints(start), ints(end), ints(blocks), ints(group), List.of("leak", "churn", "steady", "slow", "start-up"), last);
    assertThat(suspects).extracting(LeakSuspects.Suspect::name).containsExactly("leak", "slow");
    LeakSuspects.Suspect leak = suspects.get(0);
    assertThat(leak.allocations()).isEqualTo(20);
    assertThat(leak.live()).startsWith(2, 4, 6).endsWith(40);
    assertThat(leak.growth()).isEqualTo(38);
    assertThat(leak.notFalling()).isEqualTo(1.0);
    assertThat(suspects.get(1).growth()).isEqualTo(1);
  }

  private static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void largestObjectsAreTheTopTwelveByBlocksThenAddress() {
    List<RunTables.ObjectRow> objects = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      // blocks 0..9 four times each, at falling addresses
      objects.add(new RunTables.ObjectRow(1, "str", i % 10, 0x2000_1000L - 16L * i, null, null));
    }
    List<RunTables.ObjectRow> expected = objects.stream()
        .sorted(java.util.Comparator.comparingInt(RunTables.ObjectRow::blocks).reversed().thenComparingLong(RunTables.ObjectRow::address))
        .limit(ReportData.LARGEST_OBJECTS).toList();
    assertThat(ReportData.largest(objects)).containsExactlyElementsOf(expected);
    assertThat(ReportData.largest(objects.subList(0, 3))).extracting(RunTables.ObjectRow::blocks).containsExactly(2, 1, 0);
    assertThat(ReportData.largest(List.of())).isEmpty();
  }

  @Test
  void addressesAreWrittenAsFormatWritesThem() {
    for (long a : new long[] {0, 0x40, 0x2000_0040L, 0xffff_ffffL, 0x1_0000_0000L, 0x7fff_ffff_ffff_fff0L, -16}) {
      assertThat(ReportData.hex(a)).isEqualTo(String.format("0x%08x", a));
    }
  }
}
