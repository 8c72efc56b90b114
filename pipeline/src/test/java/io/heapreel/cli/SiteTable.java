package io.heapreel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The built-in site table read as plain text by the tests (function to role), not by heapreel's parser. */
final class SiteTable {
  private SiteTable() {}

  static Map<String, String> builtIn() {
    try (InputStream in = SiteTable.class.getResourceAsStream("/io/heapreel/model/lifespan/sites/micropython.sites")) {
      Map<String, String> roles = new HashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] w = line.replaceAll("#.*", "").trim().split("\\s+");
        if (w.length == 2) {
          roles.put(w[0], w[1]);
        }
      }
      return roles;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
