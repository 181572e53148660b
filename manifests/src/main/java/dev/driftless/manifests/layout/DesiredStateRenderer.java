package dev.driftless.manifests.layout;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.compose.ComposeReader;
import dev.driftless.manifests.compose.DotEnv;
import dev.driftless.manifests.compose.ProjectFiles;
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
 *
 * <p>An app's Compose file is interpolated from the {@code .env} file of its folder when there is
 * one, as Compose does for a project folder, and from nothing else: never the process environment
 * of the daemon, so that the same commit renders the same on every host.
 */
public final class DesiredStateRenderer {

  private static final ComposeReader READER = new ComposeReader();
  private static final String ENV_FILE = ".env";

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
    Map<String, List<ManifestProblem>> warnings = new TreeMap<>();
    for (AppLocation location : discovered.apps()) {
      Optional<String> text = tree.readText(location.composeFile());
      if (text.isEmpty()) {
        failures.put(location.name(), List.of(ManifestProblem.inFile(location.composeFile(),
            "the file is listed in the tree but could not be read")));
        continue;
      }
      String envFile = location.directory().isEmpty() ? ENV_FILE : location.directory() + "/"
          + ENV_FILE;
      try {
        List<ManifestProblem> appWarnings = new ArrayList<>();
        Map<String, String> variables = Map.of();
        Optional<String> envText = tree.readText(envFile);
        if (envText.isPresent()) {
          DotEnv env = DotEnv.parse(envFile, envText.get());
          variables = env.variables();
          appWarnings.addAll(env.warnings());
        }
        ComposeReader.Result read =
            READER.readWithWarnings(location.name(), location.composeFile(), text.get(), variables,
                new ProjectFiles(location.directory(), tree.paths(), tree::readBytes));
        apps.add(read.app());
        appWarnings.addAll(read.warnings());
        if (!appWarnings.isEmpty()) {
          warnings.put(location.name(), appWarnings);
        }
      } catch (ManifestException e) {
        failures.put(location.name(), e.problems());
      }
    }
    return new RenderedRepo(apps, failures, warnings);
  }
}
