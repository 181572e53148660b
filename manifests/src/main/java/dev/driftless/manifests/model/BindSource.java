package dev.driftless.manifests.model;

import java.util.Objects;

/**
 * What a bind mount binds. A closed set, so a policy ("which host paths may be bound") reads the
 * host paths from the model alone, and repo files are never confused with host files.
 */
public sealed interface BindSource {

  /**
   * An absolute path on the target's host, bound as it is.
   *
   * @param path absolute, normalised (no {@code .}, {@code ..} or doubled {@code /})
   */
  record HostPath(String path) implements BindSource {

    public HostPath {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("host path '" + path + "' must be absolute");
      }
    }
  }

  /**
   * A file or folder of the repository (a relative source such as {@code ./nginx.conf}, or a
   * secret's or config's {@code file:}), copied onto the host before the container is created.
   *
   * @param files the content bound
   */
  record Repo(RepoFiles files) implements BindSource {

    public Repo {
      Objects.requireNonNull(files, "files");
    }
  }
}
