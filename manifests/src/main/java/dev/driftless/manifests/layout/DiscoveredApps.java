package dev.driftless.manifests.layout;

import dev.driftless.manifests.ManifestProblem;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the zero-config layout found in a repository: the apps it could locate, and those it could
 * not, with why.
 *
 * <p>A failure is kept apart rather than thrown so that one odd folder does not stop the other
 * apps, and so that a caller knows the failed name is still declared and must not be pruned.
 *
 * @param apps the apps, sorted by name, names unique
 * @param failures problems by app name; when no name can be derived from a folder at all, the
 *     key is the Compose file's path (which never collides with an app name: it holds a dot)
 */
public record DiscoveredApps(List<AppLocation> apps, Map<String, List<ManifestProblem>> failures) {

  public DiscoveredApps {
    apps = apps.stream().sorted(Comparator.comparing(AppLocation::name)).toList();
    failures = Failures.copy(failures);
    for (int i = 1; i < apps.size(); i++) {
      if (apps.get(i).name().equals(apps.get(i - 1).name())) {
        throw new IllegalArgumentException("two apps are named '" + apps.get(i).name() + "'");
      }
    }
    for (AppLocation app : apps) {
      if (failures.containsKey(app.name())) {
        throw new IllegalArgumentException("app '" + app.name() + "' is both found and failed");
      }
    }
  }
}
