package io.heapreel.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapreel.cli.Heapreel;
import io.heapreel.model.testing.RealCaptures;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of the sample capture opened from disk in headless Firefox (Debian's firefox-esr,
 * driven over WebDriver BiDi: {@link FirefoxBidi}): no console errors, every view rendered, the
 * events by action and the peak used blocks on the page equal to DuckDB's over the run's tables,
 * and another snapshot chosen changes the heap map. Skipped without firefox-esr, except on CI.
 */
class ReportFirefoxTest {
  private static final String[] VIEWS = {"summary", "heap", "tree", "sites", "lifespans", "leaks", "keyframes"};

  @TempDir Path tmp;

  @Test
  void sampleCaptureReportInFirefox() throws Exception {
    String firefox = executable("firefox-esr");
    if (firefox == null) {
      String reason = "firefox-esr is not installed (Debian package firefox-esr; scripts/ci/install-browser.sh)";
      if ("true".equals(System.getenv("CI"))) {
        fail(reason + ": CI must have it");
      }
      System.out.println("ReportFirefoxTest skipped: " + reason);
      assumeTrue(false, reason);
    }
    Path out = tmp.resolve("out");
    int code = Heapreel.commandLine().execute("run", "--no-progress", "--capture",
        RealCaptures.checkout().resolve("sample-dumps").resolve("small").toString(), "--out", out.toString());
    assertThat(code).isZero();
    ObjectMapper json = new ObjectMapper();
    try (FirefoxBidi browser = FirefoxBidi.start(firefox, Files.createDirectories(tmp.resolve("profile")))) {
      browser.navigate(out.resolve("report.html").toUri().toString());
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!"true".equals(browser.evaluate("String(document.body.dataset.ready)"))) {
        assertThat(System.nanoTime()).as("the page finished rendering within 60 s").isLessThan(deadline);
        Thread.sleep(100);
      }
      JsonNode page = json.readTree(browser.evaluate("JSON.stringify({"
          + "rendered: Object.fromEntries([...document.querySelectorAll('section.view')].map(s => [s.id, s.dataset.rendered || ''])),"
          + "timeline: document.querySelectorAll('#timeline canvas').length,"
          + "flame: document.querySelectorAll('#flame .fnode').length,"
          + "sites: document.querySelectorAll('#call-sites tbody tr').length,"
          + "actions: Object.fromEntries([...document.querySelectorAll('#events-by-action tbody tr')]"
          + "  .map(r => [r.dataset.action, r.querySelector('.count').textContent])),"
          + "peak: document.getElementById('peak-used').textContent})"));
      for (String view : VIEWS) {
        assertThat(page.at("/rendered/" + view).asText()).as("view " + view).isEqualTo("true");
      }
      assertThat(page.get("timeline").asInt()).isPositive();
      assertThat(page.get("flame").asInt()).isPositive();
      assertThat(page.get("sites").asInt()).isPositive();

      try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
          Statement s = db.createStatement()) {
        Map<String, Long> expected = new TreeMap<>();
        try (ResultSet r = s.executeQuery("SELECT action, count(*) FROM " + table(out, "events") + " GROUP BY action")) {
          while (r.next()) {
            expected.put(r.getString(1), r.getLong(2));
          }
        }
        Map<String, Long> shown = new TreeMap<>();
        page.get("actions").fields().forEachRemaining(e -> shown.put(e.getKey(), number(e.getValue().asText())));
        assertThat(shown).isNotEmpty().isEqualTo(expected);
        try (ResultSet r = s.executeQuery("SELECT max(allocated_blocks) FROM " + table(out, "snapshots"))) {
          r.next();
          assertThat(number(page.get("peak").asText())).isEqualTo(r.getLong(1));
        }
      }

      // another snapshot typed in: the caption follows and the heap map changes
      String before = browser.evaluate("document.getElementById('heap-map').toDataURL()");
      String caption = browser.evaluate(
          "const n = document.getElementById('snapshot-number'); n.value = '90'; n.dispatchEvent(new Event('change'));"
              + " document.getElementById('caption').textContent");
      assertThat(caption).startsWith("snapshot 90");
      assertThat(browser.evaluate("document.getElementById('heap-map').toDataURL()")).isNotEqualTo(before);
      assertThat(browser.consoleErrors()).as("browser console").isEmpty();
    }
  }

  private static long number(String text) {
    return Long.parseLong(text.replace(",", "").trim());
  }

  private static String table(Path out, String name) {
    return "read_parquet('" + out.resolve("tables").resolve(name) + "/*.parquet')";
  }

  /** The path of a program on PATH (or in /usr/bin), or null. */
  private static String executable(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir, name);
      if (f.isFile() && f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }
}
