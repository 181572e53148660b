package dev.driftless.manifests.layout;

import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.model.DesiredApp;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The desired state of a whole repository at one revision: the apps that rendered, and those that
 * did not with why.
 *
 * <p>The split is what makes a bad commit safe. A failed app is still declared, so the reconciler
 * keeps its running containers as they are (it must never prune it) and reports the problems,
 * while every other app is reconciled normally.
 *
 * @param apps the apps that rendered, sorted by name
 * @param failures the problems of each app that did not render, by app name (or by Compose file
 *     path when no app name could be derived); never an empty list
 * @param warnings what is worth telling about apps that rendered all the same (such as a variable
 *     used while unset), by app name; never an empty list
 * @param placements where and how each rendered app runs, by app name: its environment, targets
 *     and policies; an app missing here runs as {@link AppPlacement#local}
 */
public record RenderedRepo(
    List<DesiredApp> apps,
    Map<String, List<ManifestProblem>> failures,
    Map<String, List<ManifestProblem>> warnings,
    Map<String, AppPlacement> placements) {

  public RenderedRepo {
    placements = Collections.unmodifiableSortedMap(new TreeMap<>(placements));
    apps = apps.stream().sorted(Comparator.comparing(DesiredApp::name)).toList();
    failures = Failures.copy(failures);
    warnings = Failures.copy(warnings);
    for (int i = 1; i < apps.size(); i++) {
      if (apps.get(i).name().equals(apps.get(i - 1).name())) {
        throw new IllegalArgumentException("two apps are named '" + apps.get(i).name() + "'");
      }
    }
    for (DesiredApp app : apps) {
      if (failures.containsKey(app.name())) {
        throw new IllegalArgumentException("app '" + app.name() + "' both rendered and failed");
      }
    }
    for (String name : placements.keySet()) {
      if (apps.stream().noneMatch(app -> app.name().equals(name))) {
        throw new IllegalArgumentException("app '" + name + "' is placed but did not render");
      }
    }
  }

  /** A rendering with no warnings, every app on the local engine. */
  public RenderedRepo(List<DesiredApp> apps, Map<String, List<ManifestProblem>> failures) {
    this(apps, failures, Map.of());
  }

  /** A rendering with every app on the local engine. */
  public RenderedRepo(List<DesiredApp> apps, Map<String, List<ManifestProblem>> failures,
      Map<String, List<ManifestProblem>> warnings) {
    this(apps, failures, warnings, Map.of());
  }

  /** Where and how the app called {@code name} runs. */
  public AppPlacement placement(String name) {
    AppPlacement placement = placements.get(name);
    return placement != null ? placement : AppPlacement.local(name);
  }
}
