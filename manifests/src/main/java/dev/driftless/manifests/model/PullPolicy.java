package dev.driftless.manifests.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * When the engine fetches a service's image from its registry: Compose's {@code pull_policy}.
 *
 * <p>{@link #IF_NOT_PRESENT} is Compose's older spelling of {@link #MISSING} and means the same.
 * For a service with {@code build:} Driftless never pulls: the image is built from the revision.
 */
public enum PullPolicy {
  /** Pull only when the engine has no image under that reference (Compose's default). */
  MISSING("missing"),
  /** Pull on every reconcile, so that a tag moved on the registry reaches the host. */
  ALWAYS("always"),
  /** Never pull: the image must already be on the engine, else the rollout fails. */
  NEVER("never"),
  /** Build the image (from {@code build:}) rather than pull it. */
  BUILD("build"),
  /** The same as {@link #MISSING}. */
  IF_NOT_PRESENT("if_not_present");

  private final String composeName;

  PullPolicy(String composeName) {
    this.composeName = composeName;
  }

  /** The value as written in a Compose file. */
  public String composeName() {
    return composeName;
  }

  /** The policy a Compose value names, if any. */
  public static Optional<PullPolicy> fromCompose(String value) {
    return Arrays.stream(values())
        .filter(policy -> policy.composeName.equals(value.toLowerCase(Locale.ROOT)))
        .findFirst();
  }
}
