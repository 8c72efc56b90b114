package io.heapreel.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapreel.model.error.CaptureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The self-contained HTML report of a run ({@code OUT/report.html}), built from its tables and run.json. */
public final class Report {
  public static final String FILE = "report.html";

  private Report() {}

  /**
   * The page's bytes.
   *
   * @param tables the folder holding the run's table folders
   * @param runJson the run's run.json
   * @param page where the page will be, for links to frames next to it
   */
  public static byte[] build(Path tables, byte[] runJson, Path page) {
    JsonNode run;
    try {
      run = new ObjectMapper().readTree(runJson);
    } catch (IOException e) {
      throw new CaptureException(page.resolveSibling("run.json") + ": not a heapreel run summary (" + e.getMessage() + ")", e);
    }
    RunTables t = RunTables.read(tables);
    String ram = run.path("inputs").path("ram").path("path").asText("capture");
    return ReportPage.render(ReportData.of(t, run, page), "heapreel: " + ram);
  }

  /** Rewrites {@code OUT/report.html} from {@code OUT/run.json} and {@code OUT/tables}; returns the page's path. */
  public static Path rewrite(Path out) {
    Path runJson = out.resolve("run.json");
    if (!Files.isRegularFile(runJson)) {
      throw new CaptureException(out + ": no run.json in it: give the --out folder of a finished heapreel run");
    }
    Path page = out.resolve(FILE).toAbsolutePath();
    try {
      byte[] html = build(out.resolve("tables"), Files.readAllBytes(runJson), page);
      // OUT/report.html is a link into the run on show: the new page replaces the file of that run
      Path target = Files.exists(page) ? page.toRealPath() : page;
      Path tmp = target.resolveSibling("." + FILE + ".tmp");
      Files.write(tmp, html);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return page;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + page, e);
    }
  }
}
