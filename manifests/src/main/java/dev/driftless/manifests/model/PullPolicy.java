package dev.driftless.manifests.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * When the image of a service is pulled: Compose's {@code pull_policy}. It decides what the
 * applier does before creating a container, not what the container is, so it is not part of the
 * spec hash.
 */
public enum PullPolicy {
  /** Pull before every deployment. */
  ALWAYS,
  /** Never pull; fail when the image is not on the engine. */
  NEVER,
  /** Pull only when the image is not on the engine (Compose's default). */
  MISSING,
  /** Build the image from the service's {@code build} section rather than pull it. */
  BUILD;

  /** The policy a Compose value names; {@code if_not_present} is the old name of missing. */
  public static Optional<PullPolicy> fromCompose(String value) {
    if (value.equals("if_not_present")) {
      return Optional.of(MISSING);
    }
    return Arrays.stream(values())
        .filter(policy -> policy.composeName().equals(value))
        .findFirst();
  }

  /** The name Compose files use. */
  public String composeName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
