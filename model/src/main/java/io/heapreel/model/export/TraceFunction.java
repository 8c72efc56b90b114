package io.heapreel.model.export;

import java.util.Objects;

/**
 * A function that appears in allocation stacks (one entry of {@code trace_function_infos}).
 *
 * @param scriptName the source file, shown next to the function in DevTools
 * @param scriptId a number identifying the script (DevTools links by it; any stable number)
 * @param line 1-based source line, 0 when unknown
 */
public record TraceFunction(String name, String scriptName, long scriptId, long line, long column) implements java.io.Serializable {
  public TraceFunction {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scriptName, "scriptName");
  }
}
