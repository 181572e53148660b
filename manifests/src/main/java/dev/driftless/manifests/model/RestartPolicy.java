package dev.driftless.manifests.model;

import java.util.Objects;
import java.util.Set;

/**
 * What the engine does when a container stops: Compose's {@code restart} (or
 * {@code deploy.restart_policy}), as the engine's restart policy.
 *
 * @param name {@code ""} (not set: the engine's default, which is not to restart), {@code no},
 *     {@code always}, {@code on-failure} or {@code unless-stopped}
 * @param maximumRetryCount for {@code on-failure}, how many restarts at most; 0 means no limit
 */
public record RestartPolicy(String name, int maximumRetryCount) {

  /** The names the engine knows. */
  public static final Set<String> NAMES = Set.of("no", "always", "on-failure", "unless-stopped");

  /** Nothing set: the engine does not restart the container. */
  public static final RestartPolicy NONE = new RestartPolicy("", 0);

  public RestartPolicy {
    Objects.requireNonNull(name, "name");
    if (!name.isEmpty() && !NAMES.contains(name)) {
      throw new IllegalArgumentException("restart policy '" + name + "' is not one of " + NAMES);
    }
    if (maximumRetryCount < 0) {
      throw new IllegalArgumentException("the maximum retry count must not be negative");
    }
    if (maximumRetryCount > 0 && !name.equals("on-failure")) {
      throw new IllegalArgumentException("only on-failure takes a maximum retry count");
    }
  }
}
