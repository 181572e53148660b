package dev.driftless.manifests.config;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A named environment ({@code staging}, {@code production}): the env files whose variables a
 * Compose file of an app is interpolated from when it is rendered for this environment.
 *
 * @param name the environment's name
 * @param envFiles repo-relative env files, applied in order: a later file's variable replaces
 *     an earlier one's (a base first, then the environment's overrides)
 * @param hostVariables the only variables taken from the Driftless process's own environment,
 *     by name, sorted; empty (the default) so that a commit renders the same on every host. They win over
 *     every file, as a shell variable wins over {@code .env} in Compose.
 */
public record EnvironmentConfig(String name, List<String> envFiles, Set<String> hostVariables) {

  public EnvironmentConfig {
    Objects.requireNonNull(name, "name");
    envFiles = List.copyOf(envFiles);
    hostVariables = Collections.unmodifiableSortedSet(new TreeSet<>(hostVariables));
  }
}
