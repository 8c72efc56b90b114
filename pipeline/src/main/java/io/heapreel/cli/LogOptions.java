package io.heapreel.cli;

import io.heapreel.model.capture.MapFileParser;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.open.Capture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How the gdb log's traces are read: which files and functions are the allocator, which callers are the sweep. */
public final class LogOptions {
  @Option(names = "--allocator-file", paramLabel = "NAME", description = "A source file (name without folders) whose frames are the allocator; the allocation site is the first frame outside them. Repeat for several (default: gc.c and malloc.c).")
  List<String> allocatorFiles = new ArrayList<>();

  @Option(names = "--allocator-function", paramLabel = "NAME", description = "A function outside those files that only wraps the allocator; its frames are skipped like theirs. Repeat for several (default: mp_obj_malloc_helper, mp_obj_malloc_with_finaliser_helper, mp_nonlocal_alloc and the port's gc_collect).")
  List<String> allocatorFunctions = new ArrayList<>();

  @Option(names = "--sweep-function", paramLabel = "NAME", description = "A caller of the hook that makes a free a sweep. Repeat for several (default: gc_sweep and gc_sweep_free_blocks).")
  List<String> sweepFunctions = new ArrayList<>();

  @Option(names = "--site-roles", paramLabel = "FILE", description = "A file of 'FUNCTION ROLE' lines read over the built-in table of allocation sites and the roles they give blocks whose memory cannot tell (docs/types-and-roles.md).")
  Path siteRoles;

  public SiteRules rules() {
    SiteRules d = SiteRules.MICROPYTHON;
    return new SiteRules(
        allocatorFiles.isEmpty() ? d.allocatorFiles() : java.util.Set.copyOf(allocatorFiles),
        allocatorFunctions.isEmpty() ? d.allocatorFunctions() : java.util.Set.copyOf(allocatorFunctions),
        sweepFunctions.isEmpty() ? d.sweepFunctions() : java.util.Set.copyOf(sweepFunctions),
        siteRoles == null ? d.siteRoles() : d.siteRoles().withFile(siteRoles));
  }

  /** The rules with the capture's map, which names the allocator's functions when gdb's frames name no file. */
  public SiteRules rules(Capture capture) {
    return rules().withFirmware(capture.code());
  }

  /** For the commands that read the log alone: the rules with the map beside it, if there is one. */
  public SiteRules rules(CaptureOptions capture) {
    Path map = capture.mapOnly();
    return map == null ? rules() : rules().withFirmware(MapFileParser.parseAll(map).code());
  }
}
