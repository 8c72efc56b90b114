package io.heapreel.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code OUT/run.json} holds: the inputs, what was found in them, what was damaged, what was
 * written and how long each stage took.
 */
public record RunSummary(
    String started,
    String runner,
    Map<String, InputFile> inputs,
    Snapshots snapshots,
    Events events,
    List<FailedAllocation> failedAllocations,
    Heap heap,
    String keyFrames,
    List<String> warnings,
    Map<String, Long> damage,
    List<String> damageDetail,
    Map<String, TableOutput> tables,
    Map<String, Object> outputs,
    Map<String, Double> stageSeconds,
    double wallSeconds) {

  public static Builder builder() {
    return new Builder();
  }

  /** The summary put together as the run goes: each phase adds what it learnt. */
  public static final class Builder {
    private String started;
    private String runner;
    private Map<String, InputFile> inputs = Map.of();
    private Snapshots snapshots;
    private Events events;
    private List<FailedAllocation> failedAllocations;
    private Heap heap;
    private String keyFrames;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Long> damage = new LinkedHashMap<>();
    private List<String> damageDetail = List.of();
    private final Map<String, TableOutput> tables = new LinkedHashMap<>();
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    private final Map<String, Double> stageSeconds = new LinkedHashMap<>();
    private double wallSeconds;

    private Builder() {}

    public Builder started(String started) {
      this.started = started;
      return this;
    }

    public Builder runner(String runner) {
      this.runner = runner;
      return this;
    }

    public Builder inputs(Map<String, InputFile> inputs) {
      this.inputs = new LinkedHashMap<>(inputs);
      return this;
    }

    public Builder snapshots(Snapshots snapshots) {
      this.snapshots = snapshots;
      return this;
    }

    /** Null without a log. */
    public Builder events(Events events) {
      this.events = events;
      return this;
    }

    /** Null without a log. */
    public Builder failedAllocations(List<FailedAllocation> failures) {
      this.failedAllocations = failures == null ? null : List.copyOf(failures);
      return this;
    }

    public Builder heap(Heap heap) {
      this.heap = heap;
      return this;
    }

    public Builder keyFrames(String keyFrames) {
      this.keyFrames = keyFrames;
      return this;
    }

    public Builder warning(String warning) {
      warnings.add(warning);
      return this;
    }

    public List<String> warnings() {
      return List.copyOf(warnings);
    }

    public Builder damage(String name, long count) {
      damage.put(name, count);
      return this;
    }

    public Builder damageDetail(List<String> lines) {
      this.damageDetail = List.copyOf(lines);
      return this;
    }

    public Builder table(String name, TableOutput table) {
      tables.put(name, table);
      return this;
    }

    /** Another output; one already there keeps its place and gets the new value. */
    public Builder output(String name, Object where) {
      outputs.put(name, where);
      return this;
    }

    public Builder stage(String name, double seconds) {
      stageSeconds.put(name, seconds);
      return this;
    }

    public Builder stages(Map<String, Double> seconds) {
      stageSeconds.putAll(seconds);
      return this;
    }

    public Builder wallSeconds(double seconds) {
      this.wallSeconds = seconds;
      return this;
    }

    public RunSummary build() {
      return new RunSummary(
          started, runner, Collections.unmodifiableMap(new LinkedHashMap<>(inputs)), snapshots, events, failedAllocations, heap, keyFrames,
          List.copyOf(warnings), Collections.unmodifiableMap(new LinkedHashMap<>(damage)), damageDetail,
          Collections.unmodifiableMap(new LinkedHashMap<>(tables)), Collections.unmodifiableMap(new LinkedHashMap<>(outputs)),
          Collections.unmodifiableMap(new LinkedHashMap<>(stageSeconds)), wallSeconds);
    }
  }

  public record InputFile(String path, long bytes) {}

  /** @param partialBytes bytes of an incomplete trailing snapshot that was ignored */
  public record Snapshots(long count, long spanBytes, String ramStart, String ramEnd, long partialBytes, long decoded, long keyFramesDecoded) {}

  /**
   * @param records hook records in the log (usable or not)
   * @param parsed usable records: the rows of {@code events}
   * @param lifespans rows of {@code lifespans}
   * @param lifespansTyped of those, the ones with a type or a told role (not {@code raw:unknown}, not untyped)
   * @param lifespansWithoutSite of those, the ones whose trace tells no allocation site
   * @param typingSnapshots snapshots whose allocations were typed to type the lifespans
   */
  public record Events(long records, long parsed, long skipped, long lifespans, long lifespansTyped, long lifespansWithoutSite, long typingSnapshots) {}

  /**
   * An allocation the log shows failing (docs/log.md, "Failed allocations").
   *
   * @param event the last event before the failure: the heap the allocator searched is its snapshot's
   * @param noticedAtEvent the event that shows it failed, null when it is the end of the log
   * @param bytesAsked the bytes asked for, null when the trace does not vouch for them
   * @param blocksAsked those bytes in blocks, null with them
   * @param seenBy {@code collection} (the sweeps of the collection the request started, then no
   *     alloc of it) and/or {@code memory_error} (the MemoryError made for it)
   * @param freeBlocks blocks free at that moment (a sweep's orphan tails counted free, as the allocator finds them)
   * @param largestFreeBlocks the longest run of them: the largest request that could have succeeded
   */
  public record FailedAllocation(
      long event, Long noticedAtEvent, Long bytesAsked, Long blocksAsked, String siteFunction, String siteFile, Integer siteLine,
      List<String> seenBy, Integer freeBlocks, Integer largestFreeBlocks, Long largestFreeBytes) {}

  /**
   * @param wordSizeFrom where the word size came from (--word-size, the ELF class, the map's OUTPUT format, the area-descriptor scan)
   * @param areaBlocks each area's blocks as the log numbers them (from the first area's pool start): a
   *     split heap's later areas start past the room their own tables take between the pools
   */
  public record Heap(
      String method, String foundBy, int totalBlocks, int bytesPerBlock, int wordSize, String wordSizeFrom, List<String> areas,
      List<AreaBlocks> areaBlocks) {}

  /**
   * An area's first block and block count, numbered as the log numbers blocks.
   *
   * @param inSnapshots for a heap that grows, the runs of snapshots (first and last, both included)
   *     whose list of areas holds this one; null (left out) for an area in every snapshot
   */
  public record AreaBlocks(int firstBlock, int blocks, @JsonInclude(JsonInclude.Include.NON_NULL) List<long[]> inSnapshots) {}

  public record TableOutput(String folder, long rows, int files) {}

  /** The frames of {@code --frames}: where and how many. */
  public record FramesOutput(String folder, long rendered) {
    @Override
    public String toString() {
      return String.format("%,d in %s", rendered, folder);
    }
  }

  public byte[] toJson() {
    ObjectMapper json =
        new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);
    try {
      return json.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
