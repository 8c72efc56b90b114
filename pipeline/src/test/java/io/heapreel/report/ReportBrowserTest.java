package io.heapreel.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.heapreel.cli.Heapreel;
import io.heapreel.model.testing.RealCaptures;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The report of a run opened in headless Chromium through WebDriver: no console errors, every view
 * rendered, the figures on the page equal to DuckDB's over the run's Parquet tables, and another
 * snapshot chosen on the scrubber changes the heap map. Needs the Debian packages chromium and
 * chromium-driver (scripts/ci/install-browser.sh); skipped without them, except on CI.
 *
 * <p>With {@code -Dheapreel.screenshots=FOLDER} it also saves a PNG of each view of the dev
 * capture's report there (scripts/report-screenshots).
 */
class ReportBrowserTest {
  private static final String[] VIEWS = {"summary", "heap", "tree", "sites", "lifespans", "leaks", "keyframes"};
  private static ChromeDriver driver;

  @TempDir Path tmp;

  @BeforeAll
  static void startBrowser() {
    String browser = executable("chromium");
    String webDriver = executable("chromedriver");
    if (browser == null || webDriver == null) {
      String reason = "chromium or chromedriver is not installed (Debian packages chromium, chromium-driver; scripts/ci/install-browser.sh)";
      if ("true".equals(System.getenv("CI"))) {
        fail(reason + ": CI must have them");
      }
      System.out.println("ReportBrowserTest skipped: " + reason);
      assumeTrue(false, reason);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(webDriver)).build();
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void sampleCaptureReport() throws Exception {
    // frames of every 10th snapshot: the scrubber shows the PNG where there is one, the canvas elsewhere
    Path out = run(RealCaptures.checkout().resolve("sample-dumps").resolve("small"), "--frames", "--frame-every", "10");
    checkReport(out, 10);
    WebElement frame = driver.findElement(By.id("heap-frame"));
    assertThat(frame.isDisplayed()).isTrue();
    assertThat(frame.getAttribute("src")).endsWith("/frames/heap_000010.png");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!(Boolean) ((JavascriptExecutor) driver).executeScript("const i = document.getElementById('heap-frame'); return i.complete && i.naturalWidth > 0")) {
      assertThat(System.nanoTime()).as("the frame PNG loaded within 10 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    WebElement number = driver.findElement(By.id("snapshot-number"));
    number.clear();
    number.sendKeys("11", Keys.TAB);
    assertThat(frame.isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("heap-map")).isDisplayed()).isTrue();
  }

  @Test
  void devCaptureReport() throws Exception {
    Path out = run(RealCaptures.dev());
    checkReport(out, 900);
    String folder = System.getProperty("heapreel.screenshots");
    if (folder != null && !folder.isBlank()) {
      screenshots(Path.of(folder));
    }
  }

  /**
   * sample-dumps/mps2-an385-grow with the heap's memory zeroed in ten dumps (tables and the added
   * areas' descriptors): the page says above its figures how many snapshots are suspect and how many
   * events disagree, as DuckDB counts them.
   */
  @Test
  void aCaptureWithSuspectSnapshotsSaysSoAboveItsFigures() throws Exception {
    Path out = run(damagedGrowingHeap());
    driver.get(out.resolve("report.html").toUri().toString());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"true".equals(driver.findElement(By.tagName("body")).getAttribute("data-ready"))) {
      assertThat(System.nanoTime()).as("the page finished rendering within 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    long[] counts = new long[2];
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      query(db, "SELECT count(suspect), count(*) FROM " + table(out, "snapshots"), r -> {
        counts[0] = r.getLong(1);
        counts[1] = r.getLong(2);
      });
    }
    assertThat(counts[0]).isPositive();
    assertThat(driver.findElement(By.id("trust-banner")).getText())
        .startsWith(String.format("%,d of %,d snapshots are suspect", counts[0], counts[1]))
        .contains("events disagree with their snapshots", "not to be trusted");
  }

  /**
   * sample-dumps/mps2-an385-split: the heap map spans both areas, the second starting past its own
   * tables (block 1028, not 1000): run.json's area blocks against the pools gdb read at the end.
   */
  @Test
  void theHeapMapOfASplitHeapSpansBothAreas() throws Exception {
    Path sample = RealCaptures.checkout().resolve("sample-dumps").resolve("mps2-an385-split");
    List<long[]> pools = new java.util.ArrayList<>();
    for (String line : java.nio.file.Files.readAllLines(sample.resolve("truth.txt"))) {
      if (line.startsWith("area ")) {
        String[] w = line.split(" ");
        pools.add(new long[] {Long.decode(w[4]), Long.decode(w[5])});
      }
    }
    assertThat(pools).hasSize(2);
    Path out = run(sample);
    com.fasterxml.jackson.databind.JsonNode areas =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("run.json").toFile()).get("heap").get("area_blocks");
    assertThat(areas).hasSize(2);
    for (int a = 0; a < 2; a++) {
      assertThat(areas.get(a).get("first_block").asLong()).isEqualTo((pools.get(a)[0] - pools.get(0)[0]) / 16);
      assertThat(areas.get(a).get("blocks").asLong()).isEqualTo((pools.get(a)[1] - pools.get(a)[0]) / 16);
    }
    driver.get(out.resolve("report.html").toUri().toString());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"true".equals(driver.findElement(By.tagName("body")).getAttribute("data-ready"))) {
      assertThat(System.nanoTime()).as("the page finished rendering within 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    assertThat(driver.findElement(By.id("map-used")).getText()).contains("2 heap areas");
  }

  /**
   * sample-dumps/mps2-an385-grow, a heap that grows to three areas and gives two back, twice: at the
   * first snapshot of each set of areas the dumps' own lists hold (walked here from the dumps'
   * bytes), the heap map hatches exactly the areas that list lacks (no cell of them drawn as a free
   * block), and its note counts the blocks of the areas the list holds. Before, an area given back
   * was drawn as free blocks.
   */
  @Test
  void theHeapMapOfAGrowingHeapHatchesTheAreasASnapshotLacks() throws Exception {
    List<Map<Long, Integer>> pools = listedPools("mps2-an385-grow").stream().<Map<Long, Integer>>map(TreeMap::new).toList();
    long firstPool = pools.get(0).keySet().iterator().next();
    Path out = run(RealCaptures.checkout().resolve("sample-dumps").resolve("mps2-an385-grow"));
    com.fasterxml.jackson.databind.JsonNode areas =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("run.json").toFile()).get("heap").get("area_blocks");
    assertThat(areas).hasSize(3);
    // the first snapshot of each set of areas, as the area numbers (1, 2, 3) of run.json
    Map<String, Long> firstWith = new java.util.LinkedHashMap<>();
    Map<String, Integer> heapBlocks = new java.util.HashMap<>();
    for (int i = 0; i < pools.size(); i++) {
      List<String> listed = new java.util.ArrayList<>();
      for (Map.Entry<Long, Integer> p : pools.get(i).entrySet()) {
        int a = areaNumber(areas, (p.getKey() - firstPool) / 16, p.getValue());
        assertThat(a).as("dump %d lists the area of pool 0x%x, which run.json has", i, p.getKey()).isPositive();
        listed.add(Integer.toString(a));
      }
      String set = String.join(",", listed);
      firstWith.putIfAbsent(set, (long) i);
      heapBlocks.put(set, pools.get(i).values().stream().mapToInt(Integer::intValue).sum());
    }
    assertThat(firstWith.keySet()).as("the sets of areas over the capture").containsExactly("1", "1,2", "1,2,3", "1,3");

    driver.get(out.resolve("report.html").toUri().toString());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"true".equals(driver.findElement(By.tagName("body")).getAttribute("data-ready"))) {
      assertThat(System.nanoTime()).as("the page finished rendering within 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    for (Map.Entry<String, Long> e : firstWith.entrySet()) {
      WebElement number = driver.findElement(By.id("snapshot-number"));
      number.clear();
      number.sendKeys(Long.toString(e.getValue()), Keys.TAB);
      Set<String> listed = Set.of(e.getKey().split(","));
      List<String> gone = List.of("1", "2", "3").stream().filter(a -> !listed.contains(a)).toList();
      String snapshot = "snapshot " + e.getValue();
      assertThat(driver.findElement(By.id("heap-map")).getAttribute("data-gone")).as(snapshot).isEqualTo(String.join(",", gone));
      for (int a = 0; a < 3; a++) {
        long free = freeGreyPixels(areas.get(a).get("first_block").asInt(), areas.get(a).get("blocks").asInt(), 2026);
        if (listed.contains(Integer.toString(a + 1))) {
          assertThat(free).as("%s: area %d listed, with free blocks", snapshot, a + 1).isPositive();
        } else {
          assertThat(free).as("%s: area %d not listed: no cell drawn free", snapshot, a + 1).isZero();
        }
      }
      assertThat(driver.findElement(By.id("map-used")).getText()).as(snapshot)
          .contains(String.format(" of %,d blocks in use", heapBlocks.get(e.getKey())))
          .contains(String.format("%d of the capture's 3 heap areas in this snapshot", listed.size()));
      String folder = System.getProperty("heapreel.screenshots");
      if (folder != null && !folder.isBlank()) {
        WebElement map = driver.findElement(By.id("heap-map"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", map);
        Files.write(Files.createDirectories(Path.of(folder)).resolve("report_grow_map_" + e.getValue() + ".png"),
            driver.findElement(By.id("heap")).getScreenshotAs(OutputType.BYTES));
      }
    }
    List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    assertThat(errors).as("browser console").isEmpty();
  }

  /**
   * sample-dumps/mps2-an385-below, a heap that grows below its first area's pool (its heap blocks
   * negative, as the log's) and whose memory comes back at another size: the map starts at the
   * lowest area. At the last snapshot, whose list (walked here from the dump's bytes) holds the first
   * area and one below it, both have free cells on the map, the area of the other size that shares
   * the lower one's memory has none outside it, and the lower area's live allocations are drawn.
   * Before, the blocks below 0 fell off the canvas.
   */
  @Test
  void theHeapMapOfAHeapGrownBelowItsFirstAreaStartsAtTheLowest() throws Exception {
    List<Map<Long, Integer>> pools = listedPools("mps2-an385-below");
    Map<Long, Integer> last = pools.get(pools.size() - 1);
    long firstPool = last.keySet().iterator().next(); // the collector's own first area heads the list
    Path out = run(RealCaptures.checkout().resolve("sample-dumps").resolve("mps2-an385-below"));
    com.fasterxml.jackson.databind.JsonNode areas =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("run.json").toFile()).get("heap").get("area_blocks");
    int base = 0;
    int end = 0;
    for (com.fasterxml.jackson.databind.JsonNode a : areas) {
      base = Math.min(base, a.get("first_block").asInt());
      end = Math.max(end, a.get("first_block").asInt() + a.get("blocks").asInt());
    }
    assertThat(base).as("an area below the first one's pool").isNegative();
    Set<Integer> listed = new java.util.HashSet<>();
    for (Map.Entry<Long, Integer> p : last.entrySet()) {
      int a = areaNumber(areas, (p.getKey() - firstPool) / 16, p.getValue());
      assertThat(a).as("the last dump lists the area of pool 0x%x, which run.json has", p.getKey()).isPositive();
      listed.add(a);
    }
    assertThat(listed).hasSize(2);
    driver.get(out.resolve("report.html").toUri().toString());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"true".equals(driver.findElement(By.tagName("body")).getAttribute("data-ready"))) {
      assertThat(System.nanoTime()).as("the page finished rendering within 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    int below = -1;
    for (int a = 0; a < areas.size(); a++) {
      int first = areas.get(a).get("first_block").asInt();
      int blocks = areas.get(a).get("blocks").asInt();
      if (listed.contains(a + 1)) {
        assertThat(freeGreyPixels(first - base, blocks, end - base)).as("area %d listed, with free blocks", a + 1).isPositive();
        below = first < 0 ? a : below;
      }
    }
    assertThat(below).as("a listed area below block 0").isNotNegative();
    int belowFirst = areas.get(below).get("first_block").asInt();
    int belowEnd = belowFirst + areas.get(below).get("blocks").asInt();
    for (int a = 0; a < areas.size(); a++) {
      int first = areas.get(a).get("first_block").asInt();
      int e = first + areas.get(a).get("blocks").asInt();
      if (!listed.contains(a + 1)) {
        assertThat(first).as("the unlisted area shares the lower area's memory").isLessThan(belowEnd);
        assertThat(freeGreyPixels(belowEnd - base, e - belowEnd, end - base)).as("area %d past the lower area's end", a + 1).isZero();
      }
    }
    assertThat(drawnPixels(belowFirst - base, belowEnd - belowFirst, end - base)).as("allocations below block 0 drawn").isPositive();
    assertThat(driver.findElement(By.id("map-used")).getText())
        .contains(String.format(" of %,d blocks in use", last.values().stream().mapToInt(Integer::intValue).sum()))
        .contains("2 of the capture's 3 heap areas in this snapshot");
  }

  /**
   * Per dump of a real 32-bit MPS2_AN385 sample (RAM 0x21000000, 83,016 bytes a dump), each area the
   * collector's list holds, in the list's order: its pool start and blocks, walked from the bytes.
   */
  private static List<Map<Long, Integer>> listedPools(String sample) throws Exception {
    Path ramFile = RealCaptures.referenceFile(sample, "ram.bin");
    int span = 83_016; // _srelocate 0x21000000 to _estack
    long ramStart = 0x21000000L;
    long firstLink = 0x21000190L; // mp_state_ctx.mem.area (the log's heapreel-fact line)
    List<Map<Long, Integer>> pools = new java.util.ArrayList<>();
    try (java.nio.channels.FileChannel ram = java.nio.channels.FileChannel.open(ramFile)) {
      for (long i = 0; i < ram.size() / span; i++) {
        java.nio.ByteBuffer dump = java.nio.ByteBuffer.allocate(span).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        ram.read(dump, i * span);
        Map<Long, Integer> listed = new java.util.LinkedHashMap<>();
        // py/mpstate.h mp_state_mem_area_t with a finaliser table: next, atb start, atb bytes, ftb start, pool start, pool end
        for (long at = firstLink; at != 0; at = Integer.toUnsignedLong(dump.getInt((int) (at - ramStart)))) {
          assertThat(listed.size()).as("a list that ends").isLessThan(64);
          int d = (int) (at - ramStart);
          listed.put(Integer.toUnsignedLong(dump.getInt(d + 16)), dump.getInt(d + 8) * 4);
        }
        pools.add(listed);
      }
    }
    return pools;
  }

  /** The number (from 1) of run.json's area with this first block and block count, or 0. */
  private static int areaNumber(com.fasterxml.jackson.databind.JsonNode areas, long firstBlock, int blocks) {
    for (int a = 0; a < areas.size(); a++) {
      if (areas.get(a).get("first_block").asLong() == firstBlock && areas.get(a).get("blocks").asInt() == blocks) {
        return a + 1;
      }
    }
    return 0;
  }

  /** Pixels of the heap map's free colour (#e5e7eb) in the cells of blocks {@code first} to {@code first + blocks - 1}, for a map of {@code extent} blocks. */
  private static long freeGreyPixels(int first, int blocks, int extent) {
    return mapPixels(first, blocks, extent, "px[i] === 0xe5 && px[i + 1] === 0xe7 && px[i + 2] === 0xeb");
  }

  /** Pixels of an allocation's colour (neither free, nor white, nor the hatch's grey) in the same cells. */
  private static long drawnPixels(int first, int blocks, int extent) {
    return mapPixels(first, blocks, extent, "px[i + 3] === 255 && !(px[i] === px[i + 1] && px[i + 1] === px[i + 2])"
        + " && !(px[i] === 0xe5 && px[i + 1] === 0xe7 && px[i + 2] === 0xeb)");
  }

  private static long mapPixels(int first, int blocks, int extent, String test) {
    return ((Number) ((JavascriptExecutor) driver).executeScript(
        "const [first, blocks, extent] = arguments; const c = document.getElementById('heap-map');"
            + " const cols = Math.min(256, Math.max(16, 2 ** Math.ceil(Math.log2(Math.sqrt(extent))))); const cell = c.width / cols;"
            + " const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
            + " for (let b = first; b < first + blocks; b++) { const x0 = (b % cols) * cell, y0 = Math.floor(b / cols) * cell;"
            + "  for (let y = y0; y < y0 + cell; y++) for (let x = x0; x < x0 + cell; x++) { const i = (y * c.width + x) * 4;"
            + "   if (" + test + ") n++; } }"
            + " return n;", first, blocks, extent)).longValue();
  }

  /** sample-dumps/mps2-an385-oom: the allocation the program's MemoryError came from, as run.json has it, in the summary. */
  @Test
  void failedAllocationsAreListedInTheSummary() throws Exception {
    Path out = run(RealCaptures.checkout().resolve("sample-dumps").resolve("mps2-an385-oom"));
    driver.get(out.resolve("report.html").toUri().toString());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"true".equals(driver.findElement(By.tagName("body")).getAttribute("data-ready"))) {
      assertThat(System.nanoTime()).as("the page finished rendering within 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    com.fasterxml.jackson.databind.JsonNode failed =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("run.json").toFile()).get("failed_allocations");
    List<WebElement> rows = driver.findElements(By.cssSelector("#failed-allocations tbody tr"));
    assertThat(rows).hasSize(failed.size()).isNotEmpty();
    List<WebElement> cells = rows.get(0).findElements(By.tagName("td"));
    assertThat(number(cells.get(0).getText())).isEqualTo(failed.get(0).get("event").asLong());
    assertThat(number(cells.get(1).getText())).isEqualTo(failed.get(0).get("bytes_asked").asLong());
    assertThat(cells.get(2).getText()).isEqualTo(String.format("%,d of %,d free blocks",
        failed.get(0).get("largest_free_blocks").asLong(), failed.get(0).get("free_blocks").asLong()));
    assertThat(cells.get(3).getText()).startsWith(failed.get(0).get("site_function").asText() + " (");
  }

  /** The growing-heap sample with the bytes from its first area's alloc table to its last area's pool end zeroed in dumps 300 to 309. */
  private Path damagedGrowingHeap() throws java.io.IOException {
    Path folder = java.nio.file.Files.createDirectories(tmp.resolve("damaged"));
    Path ram = folder.resolve("ram.bin");
    java.nio.file.Files.copy(RealCaptures.referenceFile("mps2-an385-grow", "ram.bin"), ram);
    for (String file : List.of("mylog.txt", "firmware.elf")) {
      java.nio.file.Files.createSymbolicLink(folder.resolve(file), RealCaptures.referenceFile("mps2-an385-grow", file).toAbsolutePath());
    }
    int span = 83_016; // _srelocate 0x21000000 to _estack
    int from = 0x428; // the first area's alloc table, 0x21000428 (truth.txt)
    int to = 0x83c0; // the end of the third area's pool, 0x210083c0
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(ram, java.nio.file.StandardOpenOption.WRITE)) {
      for (long dump = 300; dump < 310; dump++) {
        channel.write(java.nio.ByteBuffer.allocate(to - from), dump * span + from);
      }
    }
    return folder;
  }

  private Path run(Path capture, String... more) {
    Path out = tmp.resolve("out");
    List<String> args = new java.util.ArrayList<>(List.of("run", "--no-progress", "--capture", capture.toString(), "--out", out.toString()));
    args.addAll(List.of(more));
    int code = Heapreel.commandLine().execute(args.toArray(String[]::new));
    assertThat(code).isZero();
    assertThat(out.resolve("report.html")).isRegularFile();
    return out;
  }

  private void checkReport(Path out, long otherSnapshot) throws Exception {
    driver.get(out.resolve("report.html").toUri().toString());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"true".equals(driver.findElement(By.tagName("body")).getAttribute("data-ready"))) {
      assertThat(System.nanoTime()).as("the page finished rendering within 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }

    for (String view : VIEWS) {
      assertThat(driver.findElement(By.id(view)).getAttribute("data-rendered")).as("view " + view).isEqualTo("true");
    }
    assertThat(driver.findElements(By.id("trust-banner"))).as("a warning above the figures of a sound capture").isEmpty();
    assertThat(driver.findElements(By.id("failed-allocations"))).as("no failed allocation in these captures").isEmpty();
    assertThat(driver.findElements(By.cssSelector("#timeline canvas"))).isNotEmpty();
    assertThat(driver.findElements(By.cssSelector("#flame .fnode"))).isNotEmpty();
    assertThat(driver.findElements(By.cssSelector("#call-sites tbody tr"))).isNotEmpty();
    assertThat(driver.findElements(By.cssSelector("#lifespans-by-type tbody tr"))).isNotEmpty();
    assertThat(driver.findElements(By.cssSelector("#key-frame-largest tbody tr"))).isNotEmpty();

    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      Map<String, Long> byAction = new TreeMap<>();
      for (WebElement row : driver.findElements(By.cssSelector("#events-by-action tbody tr"))) {
        byAction.put(row.getAttribute("data-action"), number(row.findElement(By.className("count")).getText()));
      }
      Map<String, Long> expected = new TreeMap<>();
      query(db, "SELECT action, count(*) FROM " + table(out, "events") + " GROUP BY action", r -> expected.put(r.getString(1), r.getLong(2)));
      assertThat(byAction).isNotEmpty().isEqualTo(expected);

      long[] peak = new long[1];
      query(db, "SELECT max(allocated_blocks) FROM " + table(out, "snapshots"), r -> peak[0] = r.getLong(1));
      assertThat(number(driver.findElement(By.id("peak-used")).getText())).isEqualTo(peak[0]);

      // the site with the most blocks alive at the end, from the lifespans (not the call_sites table the page shows)
      long[] most = new long[1];
      Set<String> topSites = new HashSet<>();
      query(db,
          "WITH alive AS (SELECT site_function || ' (' || coalesce(site_file, '?') || coalesce(':' || site_line, '') || ')' AS site,"
              + " sum(blocks) AS b FROM " + table(out, "lifespans") + " WHERE end_event IS NULL AND site_function IS NOT NULL GROUP BY 1)"
              + " SELECT site, b FROM alive WHERE b = (SELECT max(b) FROM alive)",
          r -> {
            topSites.add(r.getString(1));
            most[0] = r.getLong(2);
          });
      WebElement top = driver.findElement(By.cssSelector("#call-sites tbody tr:first-child"));
      assertThat(number(top.findElement(By.cssSelector("td[data-key=blocksAliveAtEnd]")).getText())).isEqualTo(most[0]);
      assertThat(top.findElement(By.cssSelector("td[data-key=site]")).getText()).isIn(topSites);
    }

    // another snapshot on the scrubber: the caption follows and the heap map changes
    String before = canvas();
    WebElement number = driver.findElement(By.id("snapshot-number"));
    number.clear();
    number.sendKeys(Long.toString(otherSnapshot), Keys.TAB);
    assertThat(driver.findElement(By.id("caption")).getText()).startsWith("snapshot " + String.format("%,d", otherSnapshot));
    assertThat(canvas()).isNotEqualTo(before);

    // a click on a frame of the call tree zooms into it
    WebElement frame = driver.findElements(By.cssSelector("#flame .fnode")).get(1);
    String node = frame.getAttribute("data-node");
    frame.click();
    assertThat(driver.findElement(By.cssSelector("#flame .fnode")).getAttribute("data-node")).isEqualTo(node);

    List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    assertThat(errors).as("browser console").isEmpty();
  }

  private String canvas() {
    return (String) ((JavascriptExecutor) driver).executeScript("return document.getElementById('heap-map').toDataURL()");
  }

  private void screenshots(Path folder) throws Exception {
    Files.createDirectories(folder);
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
    // the call tree back at its root after the zoom the checks clicked
    while (!"0".equals(driver.findElement(By.cssSelector("#flame .fnode")).getAttribute("data-node"))) {
      driver.findElement(By.cssSelector("#flame .fnode")).click();
    }
    for (String view : VIEWS) {
      WebElement section = driver.findElement(By.id(view));
      ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", section);
      Files.write(folder.resolve("report_" + view + ".png"), section.getScreenshotAs(OutputType.BYTES));
    }
  }

  private static long number(String text) {
    return Long.parseLong(text.replace(",", "").trim());
  }

  private static String table(Path out, String name) {
    return "read_parquet('" + out.resolve("tables").resolve(name) + "/*.parquet')";
  }

  private interface Row {
    void accept(ResultSet r) throws SQLException;
  }

  private static void query(Connection db, String sql, Row row) throws SQLException {
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        row.accept(r);
      }
    }
  }

  /** The path of a program on PATH (or in /usr/bin, /usr/lib/chromium), or null. */
  private static String executable(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/usr/lib/chromium";
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir, name);
      if (f.isFile() && f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }
}
