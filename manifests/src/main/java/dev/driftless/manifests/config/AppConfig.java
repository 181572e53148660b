package dev.driftless.manifests.config;

import java.util.List;
import java.util.Objects;

/**
 * One app as {@code driftless.yaml} declares it.
 *
 * @param name the app's name, a valid Compose project name
 * @param path the app's folder, repo-relative, {@code ""} for the root
 * @param composeFiles the Compose files, relative to {@code path}, merged in order as
 *     {@code docker compose -f a -f b} does; never empty
 * @param environments the environments it is rendered for, in order; empty for none (only the
 *     folder's {@code .env})
 * @param targets the targets it deploys to directly
 * @param groups the groups it deploys to (each brings its targets and its environment)
 * @param sync pruning, self-healing and rollout
 * @param profiles the Compose profiles activated, as {@code docker compose --profile} does: a
 *     service in one of them is deployed too; a service without profiles always is
 */
public record AppConfig(
    String name,
    String path,
    List<String> composeFiles,
    List<String> environments,
    List<String> targets,
    List<String> groups,
    SyncPolicy sync,
    List<String> profiles) {

  public AppConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    composeFiles = List.copyOf(composeFiles);
    if (composeFiles.isEmpty()) {
      throw new IllegalArgumentException("app '" + name + "' needs a Compose file");
    }
    environments = List.copyOf(environments);
    targets = List.copyOf(targets);
    groups = List.copyOf(groups);
    Objects.requireNonNull(sync, "sync");
    profiles = List.copyOf(profiles);
  }

  /** An app that activates no profile. */
  public AppConfig(String name, String path, List<String> composeFiles, List<String> environments,
      List<String> targets, List<String> groups, SyncPolicy sync) {
    this(name, path, composeFiles, environments, targets, groups, sync, List.of());
  }

  /** The Compose files' repo-relative paths. */
  public List<String> composePaths() {
    return composeFiles.stream().map(file -> path.isEmpty() ? file : path + "/" + file).toList();
  }
}
