package dev.driftless.manifests.layout;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.compose.ComposeReader;
import dev.driftless.manifests.model.DesiredApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders a repository's desired state: discovers its apps, then reads each one on its own, so
 * that a broken Compose file fails its app only. See {@link RenderedRepo} for why the failures
 * are kept by name.
 */
public final class DesiredStateRenderer {

  private static final ComposeReader READER = new ComposeReader();

  private DesiredStateRenderer() {}

  /**
   * The desired state of {@code tree}.
   *
   * @param repoName the repository's name, naming an app at the root (see {@link AppLayout})
   */
  public static RenderedRepo render(RepoTree tree, String repoName) {
    DiscoveredApps discovered = AppLayout.discover(tree, repoName);
    List<DesiredApp> apps = new ArrayList<>();
    Map<String, List<ManifestProblem>> failures = new TreeMap<>(discovered.failures());
    for (AppLocation location : discovered.apps()) {
      Optional<String> text = tree.readText(location.composeFile());
      if (text.isEmpty()) {
        failures.put(location.name(), List.of(ManifestProblem.inFile(location.composeFile(),
            "the file is listed in the tree but could not be read")));
        continue;
      }
      try {
        apps.add(READER.read(location.name(), location.composeFile(), text.get()));
      } catch (ManifestException e) {
        failures.put(location.name(), e.problems());
      }
    }
    return new RenderedRepo(apps, failures);
  }
}
