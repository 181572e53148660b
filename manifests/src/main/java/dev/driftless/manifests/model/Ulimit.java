package dev.driftless.manifests.model;

import java.util.Objects;

/**
 * One resource limit of the container's processes ({@code ulimit -n} and friends).
 *
 * @param name the limit's name as the engine knows it: {@code nofile}, {@code nproc}...
 * @param soft the soft limit, at most {@code hard}
 * @param hard the hard limit
 */
public record Ulimit(String name, long soft, long hard) {

  public Ulimit {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a ulimit needs a name");
    }
    if (soft > hard && hard >= 0) {
      throw new IllegalArgumentException(
          "ulimit " + name + ": soft limit " + soft + " is above the hard limit " + hard);
    }
  }
}
