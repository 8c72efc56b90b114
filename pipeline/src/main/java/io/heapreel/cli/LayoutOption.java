package io.heapreel.cli;

import io.heapreel.model.objects.ObjectInspector;
import io.heapreel.model.open.Capture;
import picocli.CommandLine.Option;

/** {@code --layout}: the struct layout the object level reads the heap with. */
public final class LayoutOption {
  @Option(names = "--layout", paramLabel = "FILE|NAME",
      description = "Struct layout: gdb ptype/o output (a layout.txt), a .layout file, or a built-in one (micropython-v1.2x, circuitpython-old)."
          + " Default: the built-in one that fits mp_state_ctx, with the structs of the capture's layout.txt when it has one.")
  String layout;

  ObjectInspector inspector(Capture capture) {
    return ObjectInspector.of(capture, layout);
  }
}
