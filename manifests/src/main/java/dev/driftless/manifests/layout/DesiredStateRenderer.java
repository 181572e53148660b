package dev.driftless.manifests.layout;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.compose.ComposeReader;
import dev.driftless.manifests.compose.EnvValues;
import dev.driftless.manifests.envfile.EnvFileLoader;
import dev.driftless.manifests.secrets.DecryptionKeys;
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
 *
 * <p>That {@code .env}, and every {@code env_file:} a service names, is read by
 * {@link EnvFileLoader}: plain, age-encrypted ({@code *.age}) or SOPS-encrypted. The identities
 * to decrypt with are given by the caller; the renderer reads no key and writes nothing, and a
 * file that cannot be decrypted fails its app, which then keeps running as it is.
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
    return render(tree, repoName, DecryptionKeys.NONE);
  }

  /**
   * The desired state of {@code tree}, decrypting secret env files with {@code keys}.
   *
   * @param repoName the repository's name, naming an app at the root (see {@link AppLayout})
   */
  public static RenderedRepo render(RepoTree tree, String repoName, DecryptionKeys keys) {
    EnvFileLoader loader = new EnvFileLoader(keys);
    DiscoveredApps discovered = AppLayout.discover(tree, repoName);
    List<DesiredApp> apps = new ArrayList<>();
    Map<String, List<ManifestProblem>> failures = new TreeMap<>(discovered.failures());
    Map<String, List<ManifestProblem>> warnings = new TreeMap<>();
    TreeBuildContexts contexts = new TreeBuildContexts(tree);
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
        EnvValues variables = EnvValues.EMPTY;
        Optional<byte[]> envContent = tree.readBytes(envFile);
        if (envContent.isPresent()) {
          variables = loader.load(envFile, envContent.get());
          appWarnings.addAll(variables.warnings());
        }
        ComposeReader.Result read = READER.readWithWarnings(location.name(),
            location.composeFile(), text.get(), variables,
            new RepoEnvFiles(tree, location, loader), contexts,
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
