package io.heapreel.pipeline;

import io.heapreel.model.gclog.Damage;
import io.heapreel.model.gclog.GcEvent;
import io.heapreel.model.gclog.GcLogListener;
import io.heapreel.model.gclog.GcLogParser;
import io.heapreel.model.gclog.LogSummary;
import java.nio.file.Path;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/** Streams the gdb log once through the model's parser: events out, damage as lines. */
final class ParseLogFn extends DoFn<String, GcEvent> {
  static final TupleTag<GcEvent> EVENTS = new TupleTag<>() {};
  static final TupleTag<String> DAMAGE = new TupleTag<>() {};

  private final Counter events = Metrics.counter(Counters.NAMESPACE, Counters.EVENTS_PARSED);
  private final Counter records = Metrics.counter(Counters.NAMESPACE, Counters.LOG_RECORDS);
  private final Counter skipped = Metrics.counter(Counters.NAMESPACE, Counters.LOG_RECORDS_SKIPPED);
  private final Counter damage = Metrics.counter(Counters.NAMESPACE, Counters.LOG_DAMAGE);
  private final Counter nanos = Metrics.counter(Counters.NAMESPACE, Counters.PARSE_NANOS);

  @ProcessElement
  public void process(@Element String log, MultiOutputReceiver out) {
    long start = System.nanoTime();
    GcLogParser.parse(
        Path.of(log),
        new GcLogListener() {
          @Override
          public void event(GcEvent event) {
            events.inc();
            out.get(EVENTS).output(event);
          }

          @Override
          public void damage(Damage d) {
            out.get(DAMAGE).output(log + ": " + d);
          }

          @Override
          public void end(LogSummary summary) {
            records.inc(summary.records());
            skipped.inc(summary.skipped());
            damage.inc(summary.damage());
          }
        });
    nanos.inc(System.nanoTime() - start);
  }
}
