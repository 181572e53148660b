package dev.driftless.manifests.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a new revision of an app replaces its running containers, as its {@code driftless.yaml}
 * says. What it leaves unset falls back to the daemon's {@code driftless.rollout.*} settings, so
 * that an operator's default holds for every app that does not ask for something else.
 *
 * @param order whether a new container starts before its predecessor stops (no downtime, but
 *     both must fit: no fixed host port) or after (Compose's default); a service's own
 *     {@code deploy.update_config.order} wins over it
 * @param healthDeadline how long a new container has to become healthy before the rollout is
 *     undone; empty: the daemon's {@code driftless.rollout.health-deadline}
 * @param minUptime for a container without a health check, how long it must stay up to count as
 *     healthy; empty: the daemon's {@code driftless.rollout.min-uptime}
 */
public record RolloutPolicy(Order order, Optional<Duration> healthDeadline, Optional<Duration> minUptime) {

  /** The order of the old container's stop and the new one's start. */
  public enum Order {
    STOP_FIRST,
    START_FIRST
  }

  /** Stop first, the daemon's deadline and uptime. */
  public static final RolloutPolicy DEFAULT =
      new RolloutPolicy(Order.STOP_FIRST, Optional.empty(), Optional.empty());

  public RolloutPolicy {
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(healthDeadline, "healthDeadline");
    Objects.requireNonNull(minUptime, "minUptime");
    if (healthDeadline.map(deadline -> deadline.isNegative() || deadline.isZero()).orElse(false)
        || minUptime.map(Duration::isNegative).orElse(false)) {
      throw new IllegalArgumentException("the health deadline must be positive, the uptime not "
          + "negative");
    }
    if (healthDeadline.isPresent() && minUptime.isPresent()
        && healthDeadline.get().compareTo(minUptime.get()) < 0) {
      throw new IllegalArgumentException("the health deadline (" + healthDeadline.get()
          + ") is shorter than the minimum uptime (" + minUptime.get() + ")");
    }
  }
}
