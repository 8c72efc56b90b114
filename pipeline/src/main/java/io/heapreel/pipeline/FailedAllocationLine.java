package io.heapreel.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapreel.model.gclog.Frame;
import io.heapreel.model.lifespan.FailedAllocation;
import java.io.UncheckedIOException;

/**
 * One allocation the log shows failing, as the replay leaves it for the launcher (a JSON line): the
 * launcher adds the heap at that moment ({@link RunSummary.FailedAllocation}).
 */
record FailedAllocationLine(
    long event, long noticedAt, long bytes, String siteFunction, String siteFile, int siteLine, boolean collected, boolean memoryError) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static FailedAllocationLine of(FailedAllocation f) {
    Frame site = f.siteFrame();
    return new FailedAllocationLine(
        f.event(), f.noticedAt(), f.bytes(), site == null ? null : site.function(), site == null ? null : site.file(),
        site == null ? 0 : site.line(), f.collected(), f.memoryError());
  }

  String json() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FailedAllocationLine parse(String line) {
    try {
      return JSON.readValue(line, FailedAllocationLine.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
