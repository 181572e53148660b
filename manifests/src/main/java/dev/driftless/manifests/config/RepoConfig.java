package dev.driftless.manifests.config;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A repository's {@code driftless.yaml}, read and checked: every name it refers to exists.
 *
 * <p>With no {@code apps} key the apps are discovered as without a configuration (every folder
 * holding a Compose file is an app); with one, exactly the apps it names are deployed. A target
 * named {@value TargetConfig#LOCAL} (the local engine's socket) exists even when not declared, so
 * that an app with no target keeps deploying where Driftless runs.
 *
 * @param apps the declared apps by name; empty when {@code discoverApps}
 * @param discoverApps whether the apps are found by the zero-config layout ({@code apps} absent)
 * @param environments the environments by name
 * @param targets the targets by name, {@value TargetConfig#LOCAL} always among them
 * @param groups the groups by name
 * @param policies what the repo's apps may do on a host
 */
public record RepoConfig(
    Map<String, AppConfig> apps,
    boolean discoverApps,
    Map<String, EnvironmentConfig> environments,
    Map<String, TargetConfig> targets,
    Map<String, GroupConfig> groups,
    Policies policies) {

  /** The configuration's path, at the repository root. */
  public static final String FILE = "driftless.yaml";

  /** A repository without {@code driftless.yaml}: discovered apps, the local engine, no policy. */
  public static final RepoConfig NONE = new RepoConfig(Map.of(), true, Map.of(), Map.of(),
      Map.of(), Policies.DENY_ALL);

  public RepoConfig {
    apps = sorted(apps);
    environments = sorted(environments);
    Map<String, TargetConfig> withLocal = new TreeMap<>(targets);
    withLocal.putIfAbsent(TargetConfig.LOCAL, TargetConfig.local());
    targets = Collections.unmodifiableMap(withLocal);
    groups = sorted(groups);
    Objects.requireNonNull(policies, "policies");
    if (discoverApps && !apps.isEmpty()) {
      throw new IllegalArgumentException("apps are either declared or discovered");
    }
  }

  /** The environment called {@code name}, if declared. */
  public Optional<EnvironmentConfig> environment(String name) {
    return Optional.ofNullable(environments.get(name));
  }

  private static <V> Map<String, V> sorted(Map<String, V> map) {
    return Collections.unmodifiableMap(new TreeMap<>(map));
  }
}
