package dev.driftless.manifests.layout;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.Suggestions;
import dev.driftless.manifests.compose.ComposeReader;
import dev.driftless.manifests.compose.EnvValues;
import dev.driftless.manifests.compose.ProjectFiles;
import dev.driftless.manifests.config.AppConfig;
import dev.driftless.manifests.config.Deployment;
import dev.driftless.manifests.config.EnvironmentConfig;
import dev.driftless.manifests.config.RepoConfig;
import dev.driftless.manifests.config.RepoConfigReader;
import dev.driftless.manifests.config.RepoFiles;
import dev.driftless.manifests.config.SyncPolicy;
import dev.driftless.manifests.config.TargetConfig;
import dev.driftless.manifests.envfile.EnvFileLoader;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.secrets.DecryptionKeys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders a repository's desired state: reads its {@code driftless.yaml} when it has one (else
 * discovers its apps), then renders each app for each of its environments on its own, so that a
 * broken Compose file fails its app only. See {@link RenderedRepo} for why the failures are kept
 * by name.
 *
 * <p>An app's Compose files are interpolated from, in this order, a later layer replacing an
 * earlier one's variable: its environment's env files, the {@code .env} file of its folder, and
 * the host variables the environment lists by name. Nothing else: the daemon's own environment
 * is never read unless {@code driftless.yaml} names a variable, so that the same commit renders
 * the same on every host. A broken {@code driftless.yaml} fails the whole repository, under the
 * key {@value RepoConfig#FILE} (which no app can be named), so that nothing is pruned.
 *
 * <p>Every env file (the layers above, and each {@code env_file:} a service names) is read by
 * {@link EnvFileLoader}: plain, age-encrypted ({@code *.age}) or SOPS-encrypted. The identities
 * to decrypt with are given by the caller; the renderer reads no key and writes nothing, and a
 * file that cannot be decrypted fails its app, which then keeps running as it is.
 *
 * <p>What an app's services ask of the host (privileges, host namespaces, host paths bound) is
 * held against the repository's policies ({@link PolicyCheck}): a violation fails the app like
 * any other problem, so its rollout never starts and nothing of it is pruned.
 */
public final class DesiredStateRenderer {

  private static final ComposeReader READER = new ComposeReader();
  private static final String ENV_FILE = ".env";

  private DesiredStateRenderer() {}

  /** Like {@link #render(RepoTree, String, DecryptionKeys, Map)} with no key and no host variable. */
  public static RenderedRepo render(RepoTree tree, String repoName) {
    return render(tree, repoName, DecryptionKeys.NONE, Map.of());
  }

  /** Like {@link #render(RepoTree, String, DecryptionKeys, Map)} with no host variable. */
  public static RenderedRepo render(RepoTree tree, String repoName, DecryptionKeys keys) {
    return render(tree, repoName, keys, Map.of());
  }

  /** Like {@link #render(RepoTree, String, DecryptionKeys, Map)} with no key. */
  public static RenderedRepo render(RepoTree tree, String repoName,
      Map<String, String> hostEnvironment) {
    return render(tree, repoName, DecryptionKeys.NONE, hostEnvironment);
  }

  /**
   * The desired state of {@code tree}.
   *
   * @param repoName the repository's name, naming an app at the root (see {@link AppLayout})
   * @param keys the identities that decrypt secret env files
   * @param hostEnvironment the Driftless process's environment; only the variables that an
   *     environment of {@code driftless.yaml} lists under {@code hostVariables} are read from it
   */
  public static RenderedRepo render(RepoTree tree, String repoName, DecryptionKeys keys,
      Map<String, String> hostEnvironment) {
    EnvFileLoader loader = new EnvFileLoader(keys);
    TreeBuildContexts contexts = new TreeBuildContexts(tree);
    RepoConfig config = RepoConfig.NONE;
    Optional<String> configText = tree.readText(RepoConfig.FILE);
    if (configText.isPresent()) {
      try {
        config = RepoConfigReader.read(configText.get(), files(tree));
      } catch (ManifestException e) {
        return new RenderedRepo(List.of(), Map.of(RepoConfig.FILE, e.problems()));
      }
    }
    Map<String, List<ManifestProblem>> failures = new TreeMap<>();
    Map<String, List<ManifestProblem>> warnings = new TreeMap<>();
    List<PortConflicts.Rendered> rendered = new ArrayList<>();
    for (AppConfig app : apps(config, tree, repoName, failures)) {
      for (Deployment deployment : Deployment.of(config, app)) {
        List<TargetConfig> targets =
            deployment.targets().stream().map(config.targets()::get).toList();
        AppPlacement placement =
            AppPlacement.of(deployment, targets, config.policies(), app.sync(),
                deployment.rolloutOrder(config, app));
        try {
          List<ManifestProblem> appWarnings = new ArrayList<>();
          EnvValues variables = variables(tree, loader, config, app, deployment,
              hostEnvironment, appWarnings);
          List<ComposeReader.ComposeFile> composeFiles = composeFiles(tree, app);
          ComposeReader.Result read = READER.readWithWarnings(deployment.name(), composeFiles,
              variables, new RepoEnvFiles(tree, app.path(), composeFiles.get(0).path(), loader),
              contexts, new ProjectFiles(app.path(), tree.paths(), tree::readBytes),
              Set.copyOf(app.profiles()));
          List<ManifestProblem> violations =
              PolicyCheck.violations(read.hostAccess(), placement.policies());
          if (!violations.isEmpty()) {
            throw new ManifestException(violations);
          }
          appWarnings.addAll(read.warnings());
          appWarnings.addAll(unknownProfiles(app, read.profiles()));
          if (!appWarnings.isEmpty()) {
            warnings.put(deployment.name(), appWarnings);
          }
          rendered.add(new PortConflicts.Rendered(read.app(), placement, read.ports()));
        } catch (ManifestException e) {
          failures.put(deployment.name(), e.problems());
        }
      }
    }
    failures.putAll(PortConflicts.find(rendered));
    warnings.keySet().removeAll(failures.keySet());
    List<DesiredApp> apps = new ArrayList<>();
    Map<String, AppPlacement> placements = new LinkedHashMap<>();
    for (PortConflicts.Rendered app : rendered) {
      if (!failures.containsKey(app.app().name())) {
        apps.add(app.app());
        placements.put(app.app().name(), app.placement());
      }
    }
    return new RenderedRepo(apps, failures, warnings, placements);
  }

  /**
   * A warning for each profile {@code app} activates that none of its services is in: Compose
   * ignores such a profile silently, but it is most likely a typo.
   */
  private static List<ManifestProblem> unknownProfiles(AppConfig app, Set<String> declared) {
    return app.profiles().stream().filter(profile -> !declared.contains(profile))
        .map(profile -> ManifestProblem.inFile(RepoConfig.FILE, "apps." + app.name()
            + ".profiles: no service of app '" + app.name() + "' is in profile '" + profile
            + "'" + Suggestions.didYouMean(profile, declared)))
        .toList();
  }

  /** The declared apps, or the discovered ones (their failures added to {@code failures}). */
  private static List<AppConfig> apps(RepoConfig config, RepoTree tree, String repoName,
      Map<String, List<ManifestProblem>> failures) {
    if (!config.discoverApps()) {
      return List.copyOf(config.apps().values());
    }
    DiscoveredApps discovered = AppLayout.discover(tree, repoName);
    failures.putAll(discovered.failures());
    return discovered.apps().stream().map(location -> new AppConfig(location.name(),
        location.directory(), location.composeFileNames(), List.of(), List.of(), List.of(),
        SyncPolicy.DEFAULT)).toList();
  }

  private static List<ComposeReader.ComposeFile> composeFiles(RepoTree tree, AppConfig app)
      throws ManifestException {
    List<ComposeReader.ComposeFile> files = new ArrayList<>();
    for (String path : app.composePaths()) {
      Optional<String> text = tree.readText(path);
      if (text.isEmpty()) {
        throw new ManifestException(ManifestProblem.inFile(path,
            "the file is listed in the tree but could not be read"));
      }
      files.add(new ComposeReader.ComposeFile(path, text.get()));
    }
    return files;
  }

  /**
   * The variables an app's Compose files are interpolated from: the environment's env files in
   * order, then the app folder's {@code .env}, then the listed host variables. A variable that
   * came out of an encrypted layer stays secret unless a later, plain layer replaces it.
   */
  private static EnvValues variables(RepoTree tree, EnvFileLoader loader, RepoConfig config,
      AppConfig app, Deployment deployment, Map<String, String> hostEnvironment,
      List<ManifestProblem> warnings) throws ManifestException {
    Map<String, String> variables = new LinkedHashMap<>();
    Set<String> secrets = new HashSet<>();
    Optional<EnvironmentConfig> environment =
        deployment.environment().flatMap(config::environment);
    if (environment.isPresent()) {
      for (String file : environment.get().envFiles()) {
        EnvValues layer = layer(tree, loader, file, variables).orElseThrow(() ->
            new ManifestException(ManifestProblem.inFile(file,
                "the env file is listed but could not be read")));
        add(layer, variables, secrets, warnings);
      }
    }
    String dotEnv = app.path().isEmpty() ? ENV_FILE : app.path() + "/" + ENV_FILE;
    Optional<EnvValues> folder = layer(tree, loader, dotEnv, variables);
    if (folder.isPresent()) {
      add(folder.get(), variables, secrets, warnings);
    }
    environment.ifPresent(env -> env.hostVariables().forEach(name -> {
      String value = hostEnvironment.get(name);
      if (value != null) {
        variables.put(name, value);
        secrets.remove(name);
      }
    }));
    return new EnvValues(variables, secrets, List.of());
  }

  /** The env file at {@code path} over the earlier layers; empty when the tree has none. */
  private static Optional<EnvValues> layer(RepoTree tree, EnvFileLoader loader, String path,
      Map<String, String> inherited) throws ManifestException {
    Optional<byte[]> content = tree.readBytes(path);
    if (content.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(loader.load(path, content.get(), inherited));
  }

  private static void add(EnvValues layer, Map<String, String> variables, Set<String> secrets,
      List<ManifestProblem> warnings) {
    variables.putAll(layer.variables());
    layer.variables().keySet().forEach(name -> {
      if (layer.secretKeys().contains(name)) {
        secrets.add(name);
      } else {
        secrets.remove(name);
      }
    });
    warnings.addAll(layer.warnings());
  }

  /**
   * The targets {@code driftless.yaml} of {@code tree} declares, by name, the local one always among
   * them; the local one only when the file is absent or broken (its error is the renderer's to report).
   * For whoever must reach a target a rollout of this revision ran on, without rendering the apps.
   */
  public static Map<String, TargetConfig> targets(RepoTree tree) {
    Optional<String> configText = tree.readText(RepoConfig.FILE);
    if (configText.isEmpty()) {
      return RepoConfig.NONE.targets();
    }
    try {
      return RepoConfigReader.read(configText.get(), files(tree)).targets();
    } catch (ManifestException e) {
      return RepoConfig.NONE.targets();
    }
  }

  private static RepoFiles files(RepoTree tree) {
    Set<String> paths = new HashSet<>(tree.paths());
    return new RepoFiles() {
      @Override
      public boolean exists(String path) {
        return paths.contains(path);
      }

      @Override
      public Optional<String> defaultComposeFile(String directory) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        return AppLayout.COMPOSE_FILE_NAMES.stream()
            .filter(name -> paths.contains(prefix + name)).findFirst();
      }
    };
  }
}
