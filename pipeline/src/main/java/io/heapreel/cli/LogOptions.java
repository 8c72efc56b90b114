package io.heapreel.cli;

import io.heapreel.model.lifespan.SiteRules;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How the gdb log's traces are read: which files are the allocator, which callers are the sweep. */
public final class LogOptions {
  @Option(names = "--allocator-file", paramLabel = "NAME", description = "A source file (name without folders) whose frames are the allocator; the allocation site is the first frame outside them. Repeat for several (default: gc.c and malloc.c).")
  List<String> allocatorFiles = new ArrayList<>();

  @Option(names = "--sweep-function", paramLabel = "NAME", description = "A caller of the hook that makes a free a sweep. Repeat for several (default: gc_sweep and gc_sweep_free_blocks).")
  List<String> sweepFunctions = new ArrayList<>();

  public SiteRules rules() {
    SiteRules d = SiteRules.MICROPYTHON;
    return new SiteRules(
        allocatorFiles.isEmpty() ? d.allocatorFiles() : java.util.Set.copyOf(allocatorFiles),
        sweepFunctions.isEmpty() ? d.sweepFunctions() : java.util.Set.copyOf(sweepFunctions));
  }
}
