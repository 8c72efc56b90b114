package io.heapreel.pipeline;

import io.heapreel.model.gclog.Frame;
import io.heapreel.model.gclog.GcEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Events field by field: Java serialization of the records (class descriptors, handles, reflection)
 * cost more than the rest of the GroupByKey they travel through.
 */
final class GcEventCoder extends AtomicCoder<GcEvent> {
  private static final GcEventCoder INSTANCE = new GcEventCoder();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final VarIntCoder INT = VarIntCoder.of();
  private static final BooleanCoder BOOLEAN = BooleanCoder.of();
  private static final NullableCoder<String> TEXT = NullableCoder.of(StringUtf8Coder.of());

  static GcEventCoder of() {
    return INSTANCE;
  }

  private GcEventCoder() {}

  @Override
  public void encode(GcEvent e, OutputStream out) throws IOException {
    LONG.encode(e.index(), out);
    LONG.encode(e.line(), out);
    INT.encode(e.startBlock(), out);
    INT.encode(e.length(), out);
    BOOLEAN.encode(e.damaged(), out);
    INT.encode(e.trace().size(), out);
    for (Frame f : e.trace()) {
      LONG.encode(f.pc(), out);
      TEXT.encode(f.function(), out);
      TEXT.encode(f.arguments(), out);
      TEXT.encode(f.file(), out);
      INT.encode(f.line(), out);
      TEXT.encode(f.library(), out);
    }
  }

  @Override
  public GcEvent decode(InputStream in) throws IOException {
    long index = LONG.decode(in);
    long line = LONG.decode(in);
    int startBlock = INT.decode(in);
    int length = INT.decode(in);
    boolean damaged = BOOLEAN.decode(in);
    int frames = INT.decode(in);
    List<Frame> trace = new ArrayList<>(frames);
    for (int i = 0; i < frames; i++) {
      trace.add(new Frame(LONG.decode(in), TEXT.decode(in), TEXT.decode(in), TEXT.decode(in), INT.decode(in), TEXT.decode(in)));
    }
    return new GcEvent(index, line, startBlock, length, trace, damaged);
  }

  @Override
  public void verifyDeterministic() {}
}
