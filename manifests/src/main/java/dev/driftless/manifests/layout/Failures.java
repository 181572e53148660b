package dev.driftless.manifests.layout;

import dev.driftless.manifests.ManifestProblem;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Copies of the failure maps the layout results carry: sorted, unmodifiable, never empty lists. */
final class Failures {

  private Failures() {}

  static Map<String, List<ManifestProblem>> copy(Map<String, List<ManifestProblem>> failures) {
    TreeMap<String, List<ManifestProblem>> copy = new TreeMap<>();
    failures.forEach((name, problems) -> {
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("failure of '" + name + "' has no problem");
      }
      copy.put(name, List.copyOf(problems));
    });
    return Collections.unmodifiableSortedMap(copy);
  }
}
