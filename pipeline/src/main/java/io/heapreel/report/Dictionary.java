package io.heapreel.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Distinct strings numbered in order of first appearance, so that columns can hold small numbers. */
final class Dictionary {
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> names = new ArrayList<>();

  int id(String name) {
    return ids.computeIfAbsent(name, n -> {
      names.add(n);
      return names.size() - 1;
    });
  }

  String name(int id) {
    return names.get(id);
  }

  int size() {
    return names.size();
  }

  List<String> names() {
    return List.copyOf(names);
  }
}
