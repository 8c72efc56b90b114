package io.heapreel.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
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
    Heap heap,
    String keyFrames,
    List<String> warnings,
    Map<String, Long> damage,
    List<String> damageDetail,
    Map<String, TableOutput> tables,
    Map<String, Object> outputs,
    Map<String, Double> stageSeconds,
    double wallSeconds) {

  /** The same summary with the run's whole wall-clock time. */
  public RunSummary withWallSeconds(double seconds) {
    return new RunSummary(
        started, runner, inputs, snapshots, events, heap, keyFrames, warnings, damage, damageDetail, tables, outputs, stageSeconds, seconds);
  }

  public record InputFile(String path, long bytes) {}

  /** @param partialBytes bytes of an incomplete trailing snapshot that was ignored */
  public record Snapshots(long count, long spanBytes, String ramStart, String ramEnd, long partialBytes, long decoded, long keyFramesDecoded) {}

  /**
   * @param records hook records in the log (usable or not)
   * @param parsed usable records: the rows of {@code events}
   * @param lifespansTyped lifespans that got a type
   * @param typingSnapshots snapshots whose allocations were typed to type the lifespans
   */
  public record Events(long records, long parsed, long skipped, long lifespansTyped, long typingSnapshots) {}

  /** @param wordSizeFrom where the word size came from (--word-size, the ELF class, the map's OUTPUT format, the area-descriptor scan) */
  public record Heap(String method, String foundBy, int totalBlocks, int bytesPerBlock, int wordSize, String wordSizeFrom, List<String> areas) {}

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
