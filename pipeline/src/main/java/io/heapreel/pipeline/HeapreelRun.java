package io.heapreel.pipeline;

import io.heapreel.model.open.Capture;
import io.heapreel.model.error.CaptureException;
import io.heapreel.model.open.CaptureSpec;
import io.heapreel.model.heap.HeapLocation;
import io.heapreel.model.lifespan.SiteRules;
import io.heapreel.model.objects.Layout;
import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.render.FfmpegVideo;
import io.heapreel.model.render.FrameFiles;
import io.heapreel.model.render.FrameSelection;
import io.heapreel.model.render.GifAnimation;
import io.heapreel.report.Report;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.PipelineResult;

/**
 * One {@code heapreel run} from the launcher's side: open the capture once and learn its facts,
 * build and start the pipeline, follow its progress, move the tables into place on success and
 * write run.json.
 */
public final class HeapreelRun {
  private static final int DAMAGE_LINES_KEPT = 100;

  private final CaptureSpec spec;
  private final SiteRules rules;
  private final HeapreelOptions options;
  private final PrintStream console;
  private final PrintWriter out;
  private static final long RATE_FROM_BYTES = 1_000_000_000L;

  /**
   * @param console progress and warnings (stderr)
   * @param out the closing summary (stdout)
   */
  public HeapreelRun(CaptureSpec spec, SiteRules rules, HeapreelOptions options, PrintStream console, PrintWriter out) {
    this.spec = spec;
    this.rules = rules;
    this.options = options;
    this.console = console;
    this.out = out;
  }

  public RunSummary run() {
    long start = System.nanoTime();
    String started = Instant.now().toString();
    Map<String, Double> stages = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    if (options.getOut() == null) {
      throw new CaptureException("--out is needed: the folder the tables and run.json go to");
    }
    if (options.getVideo() && (!(options.getFps() > 0) || options.getFps() > 240)) {
      throw new CaptureException("--fps must be above 0 and at most 240, not " + options.getFps());
    }
    CaptureFacts facts;
    Map<String, RunSummary.InputFile> inputs;
    long partialBytes;
    FileSystems.setDefaultPipelineOptions(options); // a --ram URI is read here too, with the run's filesystem options
    try (Capture capture = Capture.open(spec)) {
      facts = CaptureFacts.of(capture, objectLayout(capture, warnings));
      inputs = inputs(capture);
      partialBytes = capture.snapshots().partialBytes();
      warnings.addAll(capture.warnings());
      capture.snapshots().partialWarning().ifPresent(warnings::add);
      capture.snapshots().note().ifPresent(n -> console.println("heapreel: note: " + n));
    }
    if (facts.logFile() == null) {
      warnings.add("no gdb log (mylog.txt, --log): the events, lifespans and call_sites tables are not written"
          + " and objects get no allocation_id");
    }
    KeyFrames keyFrames = KeyFrames.parse(options.getKeyFrames(), facts.lastSnapshot());
    FrameSelection frames =
        options.getFrames() || options.getVideo()
            ? FrameSelection.parse(options.getFrameRange(), options.getFrameEvery(), facts.snapshotCount())
            : null;
    if (frames != null) {
      FrameSelection.pastTheEnd(options.getFrameRange(), facts.snapshotCount()).ifPresent(warnings::add);
    }
    List<Long> exports = HeapsnapshotExports.parse(options.getHeapsnapshots(), facts.lastSnapshot());
    stages.put("open_capture", ProgressMonitor.seconds(start));
    warnings.forEach(w -> console.println("heapreel: warning: " + w));
    if (!exports.isEmpty() && facts.layout() == null) {
      throw new CaptureException("--heapsnapshots needs the object level, and no built-in layout fits this capture (see the warning above)");
    }

    try (StagedOutput output = StagedOutput.create(Path.of(options.getOut()))) {
      try {
        return runInto(output, new Plan(facts, inputs, partialBytes, keyFrames, frames, exports), warnings, stages, start, started);
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
  private record Plan(
      CaptureFacts facts, Map<String, RunSummary.InputFile> inputs, long partialBytes,
      KeyFrames keyFrames, FrameSelection frames, List<Long> exports) {}

  /** The pipeline and everything after it, into the run's own folder, published last. */
  private RunSummary runInto(
      StagedOutput output, Plan plan, List<String> warnings, Map<String, Double> stages, long start, String started) {
    CaptureFacts facts = plan.facts();
    KeyFrames keyFrames = plan.keyFrames();
    FrameSelection frames = plan.frames();
    List<Long> exports = plan.exports();
    long partialBytes = plan.partialBytes();
    Map<String, RunSummary.InputFile> inputs = plan.inputs();
    Path framesFolder = output.runFolder().resolve("frames");
    long pipelineStart = System.nanoTime();
    PipelineCounters counters;
    List<Table> written;
    Pipeline pipeline = RunnerStart.create(prepare(options));
    long perSplit =
        options.getSnapshotsPerSplit() > 0
            ? options.getSnapshotsPerSplit()
            : HeapreelPipeline.defaultSnapshotsPerSplit(facts, Runtime.getRuntime().availableProcessors());
    HeapreelPipeline shape =
        new HeapreelPipeline(
            facts, rules, keyFrames, perSplit, output.stagingTables(), output.stagingDamage(),
            frames, frames == null ? null : framesFolder.toString());
    shape.expandInto(pipeline);
    written = shape.tables();
    PipelineResult result = RunnerStart.run(pipeline, options);
    try {
      ProgressMonitor progress =
          new ProgressMonitor(
              result, facts.snapshotCount(),
              facts.logFile() == null ? null : () -> (long) output.files(Table.EVENTS) * ReplayLogFn.ROWS_PER_FILE,
              console, options.getProgress());
      PipelineResult.State state = progress.follow();
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the pipeline ended " + state);
      }
      stages.putAll(progress.stageSeconds());
      counters = PipelineCounters.of(result);
    } finally {
      RunnerStart.stop(result);
    }
    stages.put("pipeline", ProgressMonitor.seconds(pipelineStart));
    stages.put("decode_snapshots_busy", counters.get(Counters.DECODE_NANOS) / 1e9);

    List<String> damageLines = output.damageLines(DAMAGE_LINES_KEPT);
    Map<String, Long> damage = new LinkedHashMap<>();
    damage.put("partial_snapshot_bytes", partialBytes);
    damage.put("snapshots_undecodable", counters.get(Counters.SNAPSHOTS_DAMAGED));
    damage.put("snapshots_suspect", counters.get(Counters.SNAPSHOTS_SUSPECT));
    if (facts.logFile() != null) {
      long records = counters.get(Counters.LOG_RECORDS);
      damage.put("log_damage_reports", counters.get(Counters.LOG_DAMAGE));
      damage.put("log_records_skipped", counters.get(Counters.LOG_RECORDS_SKIPPED));
      damage.put("events_disagreeing_with_snapshot", counters.get(Counters.EVENTS_DISAGREEING));
      damage.put("log_snapshot_count_difference", records - facts.snapshotCount());
      if (records != facts.snapshotCount()) {
        String w = String.format(
            "%s has %d hook records and %s %d whole snapshots: events and snapshots are joined by index, so only the first %d pair up",
            facts.logFile(), records, facts.ramFile(), facts.snapshotCount(), Math.min(records, facts.snapshotCount()));
        warnings.add(w);
        console.println("heapreel: warning: " + w);
      }
      stages.put("replay_log_busy", counters.get(Counters.REPLAY_NANOS) / 1e9);
    }
    damageLines.forEach(l -> console.println("heapreel: damaged: " + l));
    ParquetBatchFile.write(
        Table.CAPTURE, Path.of(output.stagingTables(), Table.CAPTURE.folder()).toString(), List.of(CaptureRow.of(facts, rules)), ParquetBatchFile.hadoop());
    written = new ArrayList<>(written);
    written.add(Table.CAPTURE);
    Map<String, RunSummary.TableOutput> tables = new LinkedHashMap<>();
    for (Table t : written) {
      long rows = t == Table.CAPTURE ? 1 : counters.get(Counters.rows(t));
      tables.put(t.folder(), new RunSummary.TableOutput(output.tables().resolve(t.folder()).toString(), rows, output.files(t)));
    }
    long publishStart = System.nanoTime();
    output.finishTables(written);
    Map<String, Object> outputs = new LinkedHashMap<>();
    if (frames != null) {
      // the run's own folder while the report is built beside it; the published path once it is shown
      outputs.put("frames", new RunSummary.FramesOutput(framesFolder.toString(), counters.get(Counters.FRAMES_RENDERED)));
      stages.put("render_frames_busy", counters.get(Counters.RENDER_NANOS) / 1e9);
    }
    if (options.getVideo()) {
      long videoStart = System.nanoTime();
      Path video = assembleVideo(framesFolder, output.runFolder());
      outputs.put("video", output.out().resolve(video.getFileName()).toString());
      stages.put("video", ProgressMonitor.seconds(videoStart));
    }
    if (options.getReport()) {
      outputs.put("report", output.out().resolve(Report.FILE).toString());
    }
    if (!exports.isEmpty()) {
      long exportStart = System.nanoTime();
      List<String> files = HeapsnapshotExports.write(spec, facts, rules, exports, output.runFolder().resolve("heapsnapshots"));
      outputs.put("heapsnapshots", files.stream()
          .map(f -> output.out().resolve("heapsnapshots").resolve(Path.of(f).getFileName()).toString()).toList());
      stages.put("heapsnapshots", ProgressMonitor.seconds(exportStart));
    }
    RunSummary summary =
        new RunSummary(
            started,
            options.getRunner().getSimpleName(),
            inputs,
            new RunSummary.Snapshots(
                facts.snapshotCount(),
                facts.span().length(),
                String.format("0x%08x", facts.span().start()),
                String.format("0x%08x", facts.span().end()),
                partialBytes,
                counters.get(Counters.SNAPSHOTS_DECODED),
                counters.get(Counters.KEY_FRAMES)),
            facts.logFile() == null
                ? null
                : new RunSummary.Events(
                    counters.get(Counters.LOG_RECORDS), counters.get(Counters.EVENTS_PARSED), counters.get(Counters.LOG_RECORDS_SKIPPED),
                    counters.get(Counters.LIFESPANS_TYPED), counters.get(Counters.TYPING_SNAPSHOTS)),
            heap(facts.heap(), facts.wordSize().source()),
            keyFrames.describe(),
            warnings,
            damage,
            damageLines,
            tables,
            outputs,
            stages,
            ProgressMonitor.seconds(start));
    if (options.getReport()) {
      // built from the run's own tables and published with them, so a report always matches its tables
      long reportStart = System.nanoTime();
      Path page = output.runFolder().resolve(Report.FILE);
      output.stage(Report.FILE, Report.build(Path.of(output.stagingTables()), summary.toJson(), page));
      stages.put("report", ProgressMonitor.seconds(reportStart));
    }
    if (frames != null) {
      outputs.put("frames", new RunSummary.FramesOutput(output.out().resolve("frames").toString(), counters.get(Counters.FRAMES_RENDERED)));
    }
    stages.put("publish", ProgressMonitor.seconds(publishStart));
    summary = summary.withWallSeconds(ProgressMonitor.seconds(start));
    output.publish(summary.toJson());
    report(summary, output);
    return summary;
  }

  /** The frames as an MP4 through ffmpeg, or, without ffmpeg, as an animated GIF (pure Java). */
  private Path assembleVideo(Path framesFolder, Path outFolder) {
    List<Path> files = FrameFiles.list(framesFolder);
    FfmpegVideo ffmpeg = new FfmpegVideo();
    if (ffmpeg.available()) {
      Path mp4 = outFolder.resolve("heap.mp4");
      ffmpeg.write(files, options.getFps(), mp4);
      return mp4;
    }
    console.println("heapreel: " + FfmpegVideo.MISSING + "; writing an animated GIF instead");
    Path gif = outFolder.resolve("heap.gif");
    new GifAnimation(options.getFps()).write(files, gif);
    return gif;
  }

  /** The built-in object layout that fits the last snapshot, or null (with a warning): no object tables then. */
  private static Layout objectLayout(Capture capture, List<String> warnings) {
    try {
      return ObjectInspector.detect(capture, capture.snapshots().snapshot(capture.snapshots().count() - 1));
    } catch (CaptureException e) {
      warnings.add("no objects, references and roots tables: " + e.getMessage());
      return null;
    }
  }

  /** The DirectRunner copies and re-encodes every element to check transforms; real runs skip that. */
  private static HeapreelOptions prepare(HeapreelOptions options) {
    if (options.getRunner().getSimpleName().equals("DirectRunner")) {
      DirectOptions direct = options.as(DirectOptions.class);
      direct.setEnforceImmutability(false);
      direct.setEnforceEncodability(false);
      direct.setBlockOnRun(false);
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

  private static RunSummary.Heap heap(HeapLocation heap, String wordSizeFrom) {
    return new RunSummary.Heap(
        heap.method().name().toLowerCase(java.util.Locale.ROOT),
        heap.describe(),
        heap.totalBlocks(),
        heap.bytesPerBlock(),
        heap.wordSize(),
        wordSizeFrom,
        heap.areas().stream().map(Object::toString).toList());
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
  private void report(RunSummary s, StagedOutput output) {
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
