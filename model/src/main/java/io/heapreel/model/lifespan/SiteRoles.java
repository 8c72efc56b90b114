package io.heapreel.model.lifespan;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.gclog.Frame;
import io.heapreel.model.types.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The role of a block by the function that allocated it (its allocation site), for the blocks
 * whose memory cannot tell: data about one firmware family, read from a {@code .sites} file
 * (the built-in {@code sites/micropython.sites}; a user file adds to it or overrides it).
 *
 * @param byFunction the role each site function gives; {@link Role#UNKNOWN} switches a site off
 */
public record SiteRoles(Map<String, Role> byFunction) implements Serializable {
  public static final SiteRoles NONE = new SiteRoles(Map.of());

  public SiteRoles {
    byFunction = Map.copyOf(byFunction);
  }

  /** MicroPython's table, shipped with heapreel. */
  public static SiteRoles micropython() {
    String resource = "sites/micropython.sites";
    try (InputStream in = SiteRoles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in " + resource + " is missing from the jar");
      }
      return NONE.with(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in micropython.sites");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** This table with a user's file read over it: its lines add sites or replace their roles. */
  public SiteRoles withFile(Path file) {
    try {
      return with(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new CaptureException(file + ": cannot read the site roles file (" + e.getMessage() + ")", e);
    }
  }

  SiteRoles with(String text, String source) {
    Map<String, Role> roles = new HashMap<>(byFunction);
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int hash = lines[i].indexOf('#');
      String line = (hash >= 0 ? lines[i].substring(0, hash) : lines[i]).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] w = line.split("\\s+");
      String where = source + ":" + (i + 1);
      if (w.length != 2) {
        throw new CaptureException(where + ": expected 'FUNCTION ROLE', got '" + line + "'");
      }
      Role role = Role.of(w[1]).filter(r -> r != Role.OBJECT)
          .orElseThrow(() -> new CaptureException(where + ": unknown role '" + w[1] + "' (roles: " + Role.labels() + "; not object)"));
      roles.put(w[0], role);
    }
    return new SiteRoles(roles);
  }

  /** The role the allocation site gives, or {@link Role#UNKNOWN}. */
  public Role roleOf(Frame site) {
    return site == null ? Role.UNKNOWN : byFunction.getOrDefault(site.function(), Role.UNKNOWN);
  }
}
