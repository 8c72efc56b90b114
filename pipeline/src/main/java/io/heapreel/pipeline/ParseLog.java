package io.heapreel.pipeline;

import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/** mylog.txt parsed once into events (event index = snapshot index), with lines about damage. */
final class ParseLog extends PTransform<PBegin, PCollectionTuple> {
  private final String log;

  ParseLog(String log) {
    this.log = log;
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple parsed =
        begin
            .apply("LogFile", Create.of(log))
            .apply("Parse", ParDo.of(new ParseLogFn()).withOutputTags(ParseLogFn.EVENTS, TupleTagList.of(ParseLogFn.DAMAGE)));
    parsed.get(ParseLogFn.EVENTS).setCoder(GcEventCoder.of());
    return parsed;
  }
}
