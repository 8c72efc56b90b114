package io.heapreel.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The page: the HTML, CSS and script resources of this package with the charting library (the
 * uPlot WebJar on the class path) and the data inlined, so that the file needs nothing else.
 */
final class ReportPage {
  private static final String UPLOT = "META-INF/resources/webjars/uplot/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportPage() {}

  static byte[] render(Map<String, Object> data, String title) {
    String uplot = UPLOT + uplotVersion() + "/dist/";
    String page = resource("io/heapreel/report/report.html")
        .replace("{{title}}", escapeHtml(title))
        .replace("/*{{uplot.css}}*/", resource(uplot + "uPlot.min.css"))
        .replace("/*{{report.css}}*/", resource("io/heapreel/report/report.css"))
        .replace("/*{{uplot.js}}*/", resource(uplot + "uPlot.iife.min.js"))
        .replace("/*{{report.js}}*/", resource("io/heapreel/report/report.js"))
        .replace("{{data}}", json(data));
    return page.getBytes(StandardCharsets.UTF_8);
  }

  /** JSON safe inside a script element: no '<' can close it early. */
  static String json(Map<String, Object> data) {
    try {
      return JSON.writeValueAsString(data).replace("<", "\\u003c");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String uplotVersion() {
    Properties p = new Properties();
    try (InputStream in = stream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  private static String resource(String name) {
    try (InputStream in = stream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream stream(String name) {
    InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("resource " + name + " is missing from the jar");
    }
    return in;
  }

  private static String escapeHtml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
