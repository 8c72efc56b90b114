package io.heapreel.pipeline;

import io.heapreel.model.capture.ColdReadAhead;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.export.LogAllocations;
import io.heapreel.model.capture.Memory;
import io.heapreel.model.capture.SnapshotFile;
import io.heapreel.model.heap.AllocatorFreeSpace;
import io.heapreel.model.heap.AreaPresence;
import io.heapreel.model.heap.HeapDecoder;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.objects.Layout;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.open.Capture;
import io.heapreel.model.open.CaptureSpec;
import io.heapreel.model.render.FfmpegVideo;
import io.heapreel.model.render.FrameFiles;
import io.heapreel.model.render.FrameSelection;
import io.heapreel.model.render.GifAnimation;
import io.heapreel.report.Report;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import io.heapreel.model.verify.FactCheck;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * One {@code heapreel run} from the launcher's side, in three phases: prepare (open the capture once,
 * learn its facts, check what was asked against it), execute (build, start and follow the pipeline
 * into the run's own folder) and publish (damage, the capture table, the post-steps: video, DevTools
 * exports, report; then the tables and run.json put in place at once).
 */
public final class HeapreelRun {
  private static final int DAMAGE_LINES_KEPT = 100;
  /** Failed allocations named in the closing lines; run.json has them all. */
  private static final int FAILED_ALLOCATIONS_SHOWN = 5;
  private static final long RATE_FROM_BYTES = 1_000_000_000L;

  private final CaptureSpec spec;
  private final SiteRules rules;
  private final RunSettings settings;
  private final PipelineOptions runner;
  private final PrintStream console;
  private final PrintWriter out;

  /**
   * @param runner Beam's options: the runner and its own settings, nothing of heapreel's
   * @param console progress and warnings (stderr)
   * @param out the closing summary (stdout)
   */
  public HeapreelRun(CaptureSpec spec, SiteRules rules, RunSettings settings, PipelineOptions runner, PrintStream console, PrintWriter out) {
    this.spec = spec;
    this.rules = rules;
    this.settings = settings;
    this.runner = runner;
    this.console = console;
    this.out = out;
  }

  public RunSummary run() {
    long start = System.nanoTime();
    RunSummary.Builder summary =
        RunSummary.builder().started(Instant.now().toString()).runner(runner.getRunner().getSimpleName());
    Plan plan = prepare(summary, start);
    try (StagedOutput output = StagedOutput.create(settings.out())) {
      try {
        Executed executed = execute(plan, output, summary);
        return publish(plan, executed, output, summary, start);
      } catch (RuntimeException e) {
        output.discard();
        throw userError(e);
      } catch (Error e) {
        output.discard();
        throw e;
      }
    }
  }

  /** What the launcher decided before the output folder was taken: the capture's facts and the outputs asked for. */
  /** @param factsDisagreeing capture facts of the log's preamble that the symbols or RAM span in use contradict */
  private record Plan(
      CaptureFacts facts, SiteRules rules, long partialBytes, KeyFrames keyFrames, Optional<FrameSelection> frames, List<Long> exports,
      int factsDisagreeing) {}

  /** What the pipeline left: the tables it wrote, its counters, the folder of its frames. */
  private record Executed(List<Table> tables, PipelineCounters counters, Path framesFolder) {}

  /** The capture opened once: its facts, inputs and warnings; the options checked against it. */
  private Plan prepare(RunSummary.Builder summary, long start) {
    CaptureFacts facts;
    SiteRules firmwareRules;
    long partialBytes;
    List<String> factWarnings = List.of();
    AreaPresence presence;
    FileSystems.setDefaultPipelineOptions(runner); // a --ram URI is read here too, with the run's filesystem options
    try (Capture capture = Capture.open(spec)) {
      facts = CaptureFacts.of(capture, objectLayout(capture, summary));
      firmwareRules = rules.withFirmware(capture.code());
      summary.inputs(inputs(capture));
      partialBytes = capture.snapshots().partialBytes();
      presence = AreaPresence.walk(capture.heap(), capture.snapshots(), capture.snapshots().count());
      capture.warnings().forEach(summary::warning);
      capture.snapshots().partialWarning().ifPresent(summary::warning);
      capture.snapshots().note().ifPresent(n -> console.println("heapreel: note: " + n));
      if (facts.logFile() != null) {
        factWarnings = new FactCheck(capture.symbols(), capture.ram()).warnings(Path.of(facts.logFile()));
        factWarnings.forEach(summary::warning);
      }
    }
    if (facts.logFile() == null) {
      summary.warning("no gdb log (mylog.txt, --log): the events, lifespans and call_sites tables are not written"
          + " and objects get no allocation_id");
    }
    KeyFrames keyFrames = KeyFrames.parse(settings.keyFrames(), facts.lastSnapshot());
    Optional<FrameSelection> frames =
        settings.frames()
            ? Optional.of(FrameSelection.parse(settings.frameRange(), settings.frameEvery(), facts.snapshotCount()))
            : Optional.empty();
    if (frames.isPresent()) {
      FrameSelection.pastTheEnd(settings.frameRange(), facts.snapshotCount()).ifPresent(summary::warning);
    }
    List<Long> exports = HeapsnapshotExports.parse(settings.heapsnapshots(), facts.lastSnapshot());
    summary.stage("open_capture", ProgressMonitor.seconds(start));
    summary.warnings().forEach(w -> console.println("heapreel: warning: " + w));
    if (!exports.isEmpty() && facts.layout() == null) {
      throw new CaptureException("--heapsnapshots needs the object level, and no built-in layout fits this capture (see the warning above)");
    }
    summary.keyFrames(keyFrames.describe()).heap(heap(facts.heap(), facts.wordSize().source(), presence, facts.snapshotCount()));
    return new Plan(facts, firmwareRules, partialBytes, keyFrames, frames, exports, factWarnings.size());
  }

  /** The pipeline built, started and followed to its end, writing into the run's own folder; ram.bin read ahead meanwhile. */
  private Executed execute(Plan plan, StagedOutput output, RunSummary.Builder summary) {
    CompletableFuture<Void> captureTable = writeCaptureTable(plan, output);
    Executed executed;
    try (ColdReadAhead readAhead = readAhead(plan.facts())) {
      executed = executePipeline(plan, output, summary);
    } catch (RuntimeException | Error e) {
      captureTable.handle((done, failed) -> null).join(); // nothing left writing into the folder a failed run discards
      throw e;
    }
    try {
      captureTable.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    return executed;
  }

  /**
   * The one-row capture table, written on a thread of its own while Beam starts: it needs only the
   * capture's facts, and as the run's first Parquet file it pays the writer's first-use cost (class
   * loading and initialisation, 50-70 ms) off the launcher thread, before the pipeline's own writers.
   */
  private CompletableFuture<Void> writeCaptureTable(Plan plan, StagedOutput output) {
    String folder = Path.of(output.stagingTables(), Table.CAPTURE.folder()).toString();
    return CompletableFuture.runAsync(
        () -> ParquetBatchFile.write(Table.CAPTURE, folder, List.of(CaptureRow.of(plan.facts(), plan.rules())), ParquetBatchFile.hadoop()),
        runnable -> new Thread(runnable, "heapreel-capture-table").start());
  }

  private Executed executePipeline(Plan plan, StagedOutput output, RunSummary.Builder summary) {
    CaptureFacts facts = plan.facts();
    Path framesFolder = output.runFolder().resolve("frames");
    long pipelineStart = System.nanoTime();
    Pipeline pipeline = RunnerStart.create(directRunnerSettings(runner));
    long perSplit =
        settings.snapshotsPerSplit() > 0
            ? settings.snapshotsPerSplit()
            : HeapreelPipeline.defaultSnapshotsPerSplit(facts, Runtime.getRuntime().availableProcessors());
    PipelineOutputs outputs =
        PipelineOutputs.of(facts, plan.keyFrames(), plan.frames().map(f -> new PipelineOutputs.Frames(f, framesFolder.toString())),
            Optional.of(new PipelineOutputs.ExportAllocations(plan.exports(), exportAllocations(output).toString())));
    List<Table> written =
        new HeapreelPipeline(facts, plan.rules(), outputs, perSplit, output.stagingTables(), output.stagingDamage(), output.stagingFailures()).expandInto(pipeline);
    PipelineResult result = RunnerStart.run(pipeline, runner);
    PipelineCounters counters;
    try {
      ProgressMonitor progress =
          new ProgressMonitor(
              result, facts.snapshotCount(),
              facts.logFile() == null ? null : () -> (long) output.files(Table.EVENTS) * ReplayLogFn.ROWS_PER_FILE,
              console, settings.progress());
      PipelineResult.State state = progress.follow();
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the pipeline ended " + state);
      }
      summary.stages(progress.stageSeconds());
      counters = PipelineCounters.of(result);
    } finally {
      RunnerStart.stop(result);
    }
    summary.stage("pipeline", ProgressMonitor.seconds(pipelineStart));
    summary.stage("decode_snapshots_busy", counters.get(Counters.DECODE_NANOS) / 1e9);
    return new Executed(written, counters, framesFolder);
  }

  /** Damage and figures into the summary, the capture table, the post-steps; then everything put in place at once. */
  private RunSummary publish(Plan plan, Executed executed, StagedOutput output, RunSummary.Builder summary, long start) {
    CaptureFacts facts = plan.facts();
    PipelineCounters counters = executed.counters();
    damage(plan, counters, output, summary);
    if (facts.logFile() != null) {
      summary.failedAllocations(failedAllocations(facts, output, summary));
    }
    List<Table> written = new ArrayList<>(executed.tables());
    written.add(Table.CAPTURE);
    for (Table t : written) {
      long rows = t == Table.CAPTURE ? 1 : counters.get(Counters.rows(t));
      summary.table(t.folder(), new RunSummary.TableOutput(output.tables().resolve(t.folder()).toString(), rows, output.files(t)));
    }
    summary.snapshots(new RunSummary.Snapshots(
        facts.snapshotCount(),
        facts.span().length(),
        String.format("0x%08x", facts.span().start()),
        String.format("0x%08x", facts.span().end()),
        plan.partialBytes(),
        counters.get(Counters.SNAPSHOTS_DECODED),
        counters.get(Counters.KEY_FRAMES)));
    summary.events(facts.logFile() == null
        ? null
        : new RunSummary.Events(
            counters.get(Counters.LOG_RECORDS), counters.get(Counters.EVENTS_PARSED), counters.get(Counters.LOG_RECORDS_SKIPPED),
            counters.get(Counters.rows(Table.LIFESPANS)), counters.get(Counters.LIFESPANS_TYPED), counters.get(Counters.LIFESPANS_WITHOUT_SITE),
            counters.get(Counters.TYPING_SNAPSHOTS)));
    long publishStart = System.nanoTime();
    output.finishTables(written);
    if (plan.frames().isPresent()) {
      // the run's own folder while the report is built beside it; the published path once it is shown
      summary.output("frames", new RunSummary.FramesOutput(executed.framesFolder().toString(), counters.get(Counters.FRAMES_RENDERED)));
      summary.stage("render_frames_busy", counters.get(Counters.RENDER_NANOS) / 1e9);
    }
    for (PostStep step : postSteps(plan, executed, output, start)) {
      long stepStart = System.nanoTime();
      step.body().accept(summary);
      summary.stage(step.stage(), ProgressMonitor.seconds(stepStart));
    }
    if (plan.frames().isPresent()) {
      summary.output("frames", new RunSummary.FramesOutput(output.out().resolve("frames").toString(), counters.get(Counters.FRAMES_RENDERED)));
    }
    summary.stage("publish", ProgressMonitor.seconds(publishStart));
    RunSummary done = summary.wallSeconds(ProgressMonitor.seconds(start)).build();
    output.publish(done.toJson());
    closingLines(done, output);
    return done;
  }

  /** Where the pipeline's replay leaves the allocations of the snapshots exported for DevTools. */
  private static Path exportAllocations(StagedOutput output) {
    return output.runFolder().resolve(".export-allocations");
  }

  /** The steps after the tables, in order; the report last, as it is built from the summary of all before it. */
  private List<PostStep> postSteps(Plan plan, Executed executed, StagedOutput output, long start) {
    List<PostStep> steps = new ArrayList<>();
    if (settings.video()) {
      steps.add(new PostStep("video", summary -> {
        Path video = assembleVideo(executed.framesFolder(), output.runFolder());
        summary.output("video", output.out().resolve(video.getFileName()).toString());
      }));
    }
    if (!plan.exports().isEmpty()) {
      steps.add(new PostStep("heapsnapshots", summary -> {
        // the pipeline's replay left the exported snapshots' allocations from the log: no second pass over it
        Map<Long, LogAllocations> fromLog =
            plan.facts().logFile() == null ? null : HeapsnapshotExports.takeAllocations(plan.exports(), exportAllocations(output));
        List<String> files = HeapsnapshotExports.write(spec, plan.facts(), plan.rules(), plan.exports(), fromLog, output.runFolder().resolve("heapsnapshots"));
        summary.output("heapsnapshots", files.stream()
            .map(f -> output.out().resolve("heapsnapshots").resolve(Path.of(f).getFileName()).toString()).toList());
      }));
    }
    if (settings.report()) {
      // built from the run's own tables and published with them, so a report always matches its tables
      steps.add(new PostStep("report", summary -> {
        summary.output("report", output.out().resolve(Report.FILE).toString());
        byte[] json = summary.wallSeconds(ProgressMonitor.seconds(start)).build().toJson();
        output.stage(Report.FILE, Report.build(Path.of(output.stagingTables()), json, output.runFolder().resolve(Report.FILE)));
      }));
    }
    return steps;
  }

  /**
   * A plain ram.bin read by workers in this process is read ahead in sequential chunks while the
   * pipeline runs, for when it is not in the page cache (the decode's and replay's small scattered
   * reads get little of the kernel's read-ahead); else null.
   */
  private ColdReadAhead readAhead(CaptureFacts facts) {
    boolean inProcess = runner.getRunner().getSimpleName().equals("DirectRunner");
    return inProcess && facts.plainLocalFile() ? ColdReadAhead.start(Path.of(facts.ramFile())) : null;
  }

  /**
   * The allocations the replay saw failing, each with the heap of the snapshot before it. One whose
   * snapshot has a free run as long as it asked for is left out with a warning: the log and the
   * dumps disagree about it, and no figure is better than a wrong one.
   */
  private List<RunSummary.FailedAllocation> failedAllocations(CaptureFacts facts, StagedOutput output, RunSummary.Builder summary) {
    List<String> lines = output.failureLines();
    if (lines.isEmpty()) {
      return List.of();
    }
    List<RunSummary.FailedAllocation> failures = new ArrayList<>();
    HeapDecoder decoder = facts.decoder();
    int bytesPerBlock = facts.heap().bytesPerBlock();
    try (SnapshotFile snapshots = facts.openSnapshots()) {
      for (String text : lines) {
        FailedAllocationLine f = FailedAllocationLine.parse(text);
        Long bytes = f.bytes() < 0 ? null : f.bytes();
        Long blocks = bytes == null ? null : (bytes + bytesPerBlock - 1) / bytesPerBlock;
        AllocatorFreeSpace free = null;
        if (f.event() >= 0 && f.event() < facts.snapshotCount()) {
          try {
            Memory snapshot = snapshots.snapshot(f.event());
            // a suspect snapshot (other heap areas than snapshot 0's, a damaged table) gives no figures rather than wrong ones
            free = decoder.stats(snapshot).suspect() == null ? AllocatorFreeSpace.of(decoder, snapshot) : null;
          } catch (CaptureException unreadable) {
            free = null; // a damaged dump: the decode reports it
          }
        }
        if (free != null && blocks != null && free.largestFreeBlocks() >= blocks) {
          String w = String.format(
              "the log shows %d bytes asked for by %s failing after event %d, yet that event's snapshot has a free run of %d blocks:"
                  + " not listed in failed_allocations", bytes, f.siteFunction(), f.event(), free.largestFreeBlocks());
          summary.warning(w);
          console.println("heapreel: warning: " + w);
          continue;
        }
        List<String> seenBy = new ArrayList<>();
        if (f.collected()) {
          seenBy.add("collection");
        }
        if (f.memoryError()) {
          seenBy.add("memory_error");
        }
        failures.add(new RunSummary.FailedAllocation(
            f.event(), f.noticedAt() < 0 ? null : f.noticedAt(), bytes, blocks, f.siteFunction(), f.siteFile(),
            f.siteFunction() == null ? null : f.siteLine(), seenBy,
            free == null ? null : free.freeBlocks(), free == null ? null : free.largestFreeBlocks(),
            free == null ? null : (long) free.largestFreeBlocks() * bytesPerBlock));
      }
    }
    return failures;
  }

  /** Damaged input into the summary and on the console: the counts, the first lines, a log that does not pair up with the dumps. */
  private void damage(Plan plan, PipelineCounters counters, StagedOutput output, RunSummary.Builder summary) {
    CaptureFacts facts = plan.facts();
    List<String> damageLines = output.damageLines(DAMAGE_LINES_KEPT);
    summary.damage("partial_snapshot_bytes", plan.partialBytes());
    summary.damage("snapshots_undecodable", counters.get(Counters.SNAPSHOTS_DAMAGED));
    summary.damage("snapshots_suspect", counters.get(Counters.SNAPSHOTS_SUSPECT));
    if (facts.logFile() != null) {
      long records = counters.get(Counters.LOG_RECORDS);
      summary.damage("log_damage_reports", counters.get(Counters.LOG_DAMAGE));
      summary.damage("log_records_skipped", counters.get(Counters.LOG_RECORDS_SKIPPED));
      summary.damage("events_disagreeing_with_snapshot", counters.get(Counters.EVENTS_DISAGREEING));
      summary.damage("log_snapshot_count_difference", records - facts.snapshotCount());
      summary.damage("log_facts_disagreeing", plan.factsDisagreeing());
      if (records != facts.snapshotCount()) {
        String w = String.format(
            "%s has %d hook records and %s %d whole snapshots: events and snapshots are joined by index, so only the first %d pair up",
            facts.logFile(), records, facts.ramFile(), facts.snapshotCount(), Math.min(records, facts.snapshotCount()));
        summary.warning(w);
        console.println("heapreel: warning: " + w);
      }
      long withoutSite = counters.get(Counters.LIFESPANS_WITHOUT_SITE);
      long traceLimit = counters.get(Counters.LOG_TRACE_LIMIT);
      if (withoutSite > 0) {
        String w = traceLimit > 0
            ? String.format(
                "%d of %d lifespans have no allocation site: gdb cut the backtraces at %d frames (#0 to #%d), before they reached it:"
                    + " no record of %s has a deeper one, and every allocation without a site stops there (the first at line %d),"
                    + " as 'backtrace %d' or 'set backtrace limit %d' in the capture's gdb script make it (gdb notes the cut nowhere"
                    + " in the log); capture again with a plain 'backtrace'",
                withoutSite, counters.get(Counters.rows(Table.LIFESPANS)), traceLimit, traceLimit - 1, facts.logFile(),
                counters.get(Counters.LOG_TRACE_LIMIT_LINE) - 1, traceLimit, traceLimit)
            : String.format(
                "%d of %d lifespans have no allocation site: their traces hold only the allocator's frames, or"
                    + " %s names no source files and no firmware map (firmware.map, --map) tells the allocator's functions",
                withoutSite, counters.get(Counters.rows(Table.LIFESPANS)), facts.logFile());
        summary.warning(w);
        console.println("heapreel: warning: " + w);
      }
      summary.stage("replay_log_busy", counters.get(Counters.REPLAY_NANOS) / 1e9);
    }
    summary.damageDetail(damageLines);
    damageLines.forEach(l -> console.println("heapreel: damaged: " + l));
  }

  /** The failed allocations, the first few of them, in the closing lines. */
  private void failedAllocationLines(RunSummary s) {
    List<RunSummary.FailedAllocation> failures = s.failedAllocations();
    if (failures == null || failures.isEmpty()) {
      return;
    }
    out.printf("failed allocations: %d (run.json's failed_allocations)%n", failures.size());
    failures.stream().limit(FAILED_ALLOCATIONS_SHOWN).forEach(f -> out.println("  " + FailedAllocationText.of(f)));
    if (failures.size() > FAILED_ALLOCATIONS_SHOWN) {
      out.printf("  ... and %d more%n", failures.size() - FAILED_ALLOCATIONS_SHOWN);
    }
  }

  /** The frames as an MP4 through ffmpeg, or, without ffmpeg, as an animated GIF (pure Java). */
  private Path assembleVideo(Path framesFolder, Path outFolder) {
    List<Path> files = FrameFiles.list(framesFolder);
    FfmpegVideo ffmpeg = new FfmpegVideo();
    if (ffmpeg.available()) {
      Path mp4 = outFolder.resolve("heap.mp4");
      ffmpeg.write(files, settings.fps(), mp4);
      return mp4;
    }
    console.println("heapreel: " + FfmpegVideo.MISSING + "; writing an animated GIF instead");
    Path gif = outFolder.resolve("heap.gif");
    new GifAnimation(settings.fps()).write(files, gif);
    return gif;
  }

  /** The built-in object layout that fits the last snapshot, or null (with a warning): no object tables then. */
  private static Layout objectLayout(Capture capture, RunSummary.Builder summary) {
    try {
      return ObjectInspector.detect(capture, capture.snapshots().snapshot(capture.snapshots().count() - 1));
    } catch (CaptureException e) {
      summary.warning("no objects, references and roots tables: " + e.getMessage());
      return null;
    }
  }

  /**
   * The DirectRunner copies and re-encodes every element to check transforms; real runs skip that.
   * Without frames it gets one worker fewer than the machine has cores (at least one) unless told
   * otherwise: its scheduler re-submits itself to the worker pool without pause while any bundle
   * runs, so an idle worker spins on a core for as long as the log's replay (one long bundle) runs,
   * and Beam's default (at least three workers) keeps one idle on two cores. On two cores the one
   * worker leaves the scheduler no thread to spin on, and the replay's own threads (parse, Parquet
   * writers) take the other core (docs/speed.md). Frames are rendered by the workers in parallel,
   * so a run with frames keeps Beam's default.
   */
  private PipelineOptions directRunnerSettings(PipelineOptions options) {
    if (options.getRunner().getSimpleName().equals("DirectRunner")) {
      DirectOptions direct = options.as(DirectOptions.class);
      direct.setEnforceImmutability(false);
      direct.setEnforceEncodability(false);
      direct.setBlockOnRun(false);
      boolean beamDefault = direct.getTargetParallelism() == new DirectOptions.AvailableParallelismFactory().create(direct);
      if (beamDefault && !settings.frames()) {
        direct.setTargetParallelism(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
      }
    }
    return options;
  }

  private static Map<String, RunSummary.InputFile> inputs(Capture capture) {
    Map<String, RunSummary.InputFile> inputs = new LinkedHashMap<>();
    var files = capture.files();
    if (capture.spec().ramSource() != null) {
      inputs.put("ram", new RunSummary.InputFile(capture.snapshots().name(), remoteSize(capture.spec().ramSource())));
    } else {
      put(inputs, "ram", files.ram());
    }
    put(inputs, "log", files.log());
    put(inputs, "map", files.map());
    put(inputs, "elf", files.elf());
    put(inputs, "rom", files.rom());
    return inputs;
  }

  private static long remoteSize(io.heapreel.model.capture.ByteSource source) {
    try (var channel = source.open()) {
      return channel.size();
    } catch (IOException e) {
      throw new CaptureException(source.name() + ": cannot read its size (" + e.getMessage() + ")", e);
    }
  }

  private static void put(Map<String, RunSummary.InputFile> inputs, String name, Path file) {
    if (file == null) {
      return;
    }
    try {
      inputs.put(name, new RunSummary.InputFile(file.toAbsolutePath().toString(), Files.size(file)));
    } catch (IOException e) {
      throw new CaptureException(file + ": cannot read its size (" + e.getMessage() + ")", e);
    }
  }

  private static RunSummary.Heap heap(HeapLocation heap, String wordSizeFrom, AreaPresence presence, long snapshots) {
    return new RunSummary.Heap(
        heap.method().name().toLowerCase(java.util.Locale.ROOT),
        heap.describe(),
        heap.totalBlocks(),
        heap.bytesPerBlock(),
        heap.wordSize(),
        wordSizeFrom,
        heap.areas().stream().map(Object::toString).toList(),
        java.util.stream.IntStream.range(0, heap.areas().size())
            .mapToObj(a -> new RunSummary.AreaBlocks(heap.heapBlock(a, 0), heap.areas().get(a).blocks(),
                presence == null || presence.always(a, snapshots) ? null
                    : presence.areas().get(a).stream().map(r -> new long[] {r.first(), r.last()}).toList()))
            .toList());
  }

  /** A CaptureException anywhere in the cause chain is the user's to fix; keep its message. */
  private static RuntimeException userError(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CaptureException c) {
        return c;
      }
    }
    return e;
  }

  /**
   * The closing lines on stdout, in a fixed order. A rate only for a capture of a gigabyte or more:
   * on a small one the start of Beam is most of the time, and a rate of it means nothing.
   */
  private void closingLines(RunSummary s, StagedOutput output) {
    double seconds = s.stageSeconds().getOrDefault("pipeline", s.wallSeconds());
    long ramBytes = s.snapshots().count() * s.snapshots().spanBytes();
    out.printf("heapreel: %,d snapshots (%,.1f MB of ram.bin) in %.1f s", s.snapshots().decoded(), ramBytes / 1e6, seconds);
    if (ramBytes >= RATE_FROM_BYTES) {
      out.printf(": %,.0f MB/s, %,.0f snapshots/s", ramBytes / 1e6 / seconds, s.snapshots().decoded() / seconds);
    }
    out.println();
    out.println("tables in " + output.tables() + ":");
    s.tables().forEach((name, t) -> out.printf("  %-12s %,12d rows  %s%n", name, t.rows(), t.folder()));
    s.outputs().forEach((name, where) -> out.println(name + ": " + where));
    failedAllocationLines(s);
    out.println("run summary: " + output.out().resolve(StagedOutput.RUN_SUMMARY));
    String snapshots = output.tables().resolve("snapshots") + "/*.parquet";
    String query = "SELECT snapshot, free_blocks, largest_free_blocks, fragmentation FROM '" + snapshots + "' ORDER BY fragmentation DESC LIMIT 10";
    if (OnPath.has("duckdb")) {
      out.println("query it, for example:");
      out.println("  duckdb -c \"" + query + "\"");
    } else {
      out.println("the tables are Parquet files: read them with any Parquet reader (DuckDB, pandas, Spark), for example");
      out.println("  " + query);
    }
    out.flush();
  }
}
