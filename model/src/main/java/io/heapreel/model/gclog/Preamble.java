package io.heapreel.model.gclog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The log before the first breakpoint hit: the breakpoints gdb set and the capture facts the
 * template printed ({@code heapreel-fact NAME = VALUE}, for example {@code &mp_state_ctx.mem.area}
 * or {@code sizeof(mp_state_ctx)}).
 */
public record Preamble(List<Breakpoint> breakpoints, Map<String, Long> facts) {
  public Preamble {
    breakpoints = List.copyOf(breakpoints);
    facts = Map.copyOf(facts);
  }

  public Optional<Breakpoint> breakpoint(int number) {
    return breakpoints.stream().filter(b -> b.number() == number).findFirst();
  }

  /** A printed fact by its expression, e.g. {@code fact("&mp_state_ctx.mem.area")}. */
  public OptionalLong fact(String name) {
    Long value = facts.get(name);
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
