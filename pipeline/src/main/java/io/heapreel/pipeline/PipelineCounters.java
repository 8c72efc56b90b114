package io.heapreel.pipeline;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** The heapreel counters of a running or finished pipeline, summed over steps, by name. */
record PipelineCounters(Map<String, Long> values) {
  static final PipelineCounters NONE = new PipelineCounters(Map.of());

  static PipelineCounters of(PipelineResult result) {
    MetricQueryResults metrics;
    try {
      metrics =
          result.metrics().queryMetrics(
              MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(Counters.NAMESPACE)).build());
    } catch (UnsupportedOperationException e) {
      return NONE;
    }
    Map<String, Long> sums = new HashMap<>();
    for (MetricResult<Long> c : metrics.getCounters()) {
      Long value = attempted(c);
      if (value != null) {
        sums.merge(c.getName().getName(), value, Long::sum);
      }
    }
    return new PipelineCounters(Map.copyOf(sums));
  }

  /** Committed values where the runner has them, else the attempted ones. */
  private static Long attempted(MetricResult<Long> c) {
    try {
      return c.getCommitted();
    } catch (UnsupportedOperationException e) {
      return c.getAttempted();
    }
  }

  long get(String name) {
    return values.getOrDefault(name, 0L);
  }
}
