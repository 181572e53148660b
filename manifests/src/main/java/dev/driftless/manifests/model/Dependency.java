package dev.driftless.manifests.model;

import java.util.Objects;
import java.util.Set;

/**
 * One entry of a service's {@code depends_on}: which service must be in which state before this
 * one starts. It orders a rollout; it does not configure a container, so it is not part of the
 * spec hash.
 *
 * @param condition {@code service_started}, {@code service_healthy} or
 *     {@code service_completed_successfully}
 * @param restart whether this service is restarted when the dependency is updated
 * @param required whether a missing dependency is an error (otherwise it is only warned about)
 */
public record Dependency(String condition, boolean restart, boolean required) {

  /** The conditions Compose defines. */
  public static final Set<String> CONDITIONS =
      Set.of("service_started", "service_healthy", "service_completed_successfully");

  /** The list form's meaning: the dependency has started. */
  public static final Dependency STARTED = new Dependency("service_started", false, true);

  public Dependency {
    Objects.requireNonNull(condition, "condition");
    if (!CONDITIONS.contains(condition)) {
      throw new IllegalArgumentException(
          "dependency condition '" + condition + "' is not one of " + CONDITIONS);
    }
  }
}
