package io.heapreel.pipeline;

import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/** Lines about damaged input, one per damaged item, for the launcher to put into run.json. */
final class WriteDamage extends PTransform<PCollection<String>, PDone> {
  private final String folder;

  WriteDamage(String folder) {
    this.folder = folder;
  }

  @Override
  public PDone expand(PCollection<String> lines) {
    return lines.apply("Text", TextIO.write().to(folder + "/part").withSuffix(".txt"));
  }
}
