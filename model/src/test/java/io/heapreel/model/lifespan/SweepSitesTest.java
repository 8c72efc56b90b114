package io.heapreel.model.lifespan;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.gclog.GcLogListener;
import io.heapreel.model.gclog.GcLogParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.XZInputStream;

/**
 * A sweep's site is what started the collection, not the port's {@code gc_collect} that every
 * sweep passes through: {@code py_gc_collect} for {@code gc.collect()}, or the caller of the
 * allocation that found no room. On native.py's real log (resources out-of-memory/arm-native),
 * whose collections are started both ways; the frames between {@code gc_collect} and the site are
 * checked to be the allocator's own files.
 */
class SweepSitesTest {
  @TempDir static Path dir;

  @Test
  void aSweepsSiteIsWhatStartedTheCollection() throws IOException {
    Path log = dir.resolve("arm-native.log");
    try (InputStream in = new XZInputStream(SweepSitesTest.class.getResourceAsStream("/out-of-memory/arm-native.log.xz"))) {
      Files.copy(in, log);
    }
    SiteRules rules = SiteRules.MICROPYTHON;
    Map<String, Integer> sites = new TreeMap<>();
    GcLogParser.parse(log, new GcLogListener() {
      @Override
      public void event(GcEvent e) {
        if (e.length() > 0 || !rules.isSweep(e)) {
          return;
        }
        List<Frame> trace = e.trace();
        int collect = -1;
        for (int i = 0; i < trace.size(); i++) {
          if (trace.get(i).function().equals("gc_collect")) {
            collect = i;
          }
        }
        int site = rules.siteIndex(trace);
        assertThat(collect).as("line %d", e.line()).isPositive();
        assertThat(site).as("line %d", e.line()).isGreaterThan(collect);
        for (Frame between : trace.subList(collect + 1, site)) {
          assertThat(between.fileName()).as("line %d", e.line()).isIn("gc.c", "malloc.c");
        }
        String started = trace.get(site).function().equals("py_gc_collect") ? "gc.collect()" : "an allocation";
        sites.merge(started, 1, Integer::sum);
      }
    });
    assertThat(sites).containsOnlyKeys("gc.collect()", "an allocation");
    assertThat(sites.get("an allocation")).isGreaterThan(100);
  }
}
