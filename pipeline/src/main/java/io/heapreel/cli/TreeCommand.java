package io.heapreel.cli;

import io.heapreel.model.error.CaptureException;
import io.heapreel.model.lifespan.CallTree;
import io.heapreel.model.lifespan.LogReplay;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The call tree of the blocks alive at one event, in gc_activity.py's layout. */
@Command(
    name = "tree",
    mixinStandardHelpOptions = true,
    description = {
      "Print the call tree of the blocks alive at an event: one line per frame location (file:line), callers"
          + " first, with the blocks allocated below it, then 'N total blocks' (gc_activity.py's layout).",
      "Allocator frames (gc.c, malloc.c, mp_obj_malloc_*_helper; see --allocator-file and --allocator-function) are folded into their caller unless"
          + " --allocator-frames is given. Only the log is needed."
    })
public final class TreeCommand implements Callable<Integer> {
  @Mixin CaptureOptions capture;
  @Mixin LogOptions log;

  @Spec CommandSpec spec;

  @Option(names = "--at", paramLabel = "EVENT", description = "Blocks alive once this event has happened (default: the end of the log).")
  Long at;

  @Option(names = "--allocator-frames", description = "Keep the allocator's own frames as the innermost levels, as gc_activity.py prints them.")
  boolean allocatorFrames;

  @Override
  public Integer call() {
    Path logFile = capture.logOnly();
    LogReplay replay = LogReplay.read(logFile, log.rules(capture));
    LogDiagnostics.damage(logFile, replay.summary(), replay.damage(), spec.commandLine().getErr());
    LogCheck.ofLogOnly(capture, log.rules(), spec.commandLine().getErr());
    if (at != null && (at < 0 || at >= replay.records())) {
      throw new CaptureException(
          "--at " + at + ": " + logFile + " has events 0.." + (replay.records() - 1));
    }
    PrintWriter out = spec.commandLine().getOut();
    CallTree.of(replay.lifespans(), at, !allocatorFrames).print(out);
    out.flush();
    return 0;
  }
}
