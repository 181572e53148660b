package dev.driftless.manifests.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How a new revision of an app replaces its running containers.
 *
 * @param order whether a new container starts before its predecessor stops (no downtime, but
 *     both must fit: no fixed host port) or after (Compose's default)
 * @param healthDeadline how long a new container has to become healthy before the rollout is
 *     undone
 * @param minUptime for a container without a health check, how long it must stay up to count as
 *     healthy
 */
public record RolloutPolicy(Order order, Duration healthDeadline, Duration minUptime) {

  /** The order of the old container's stop and the new one's start. */
  public enum Order {
    STOP_FIRST,
    START_FIRST
  }

  /** Stop first, two minutes to become healthy, ten seconds up without a health check. */
  public static final RolloutPolicy DEFAULT =
      new RolloutPolicy(Order.STOP_FIRST, Duration.ofMinutes(2), Duration.ofSeconds(10));

  public RolloutPolicy {
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(healthDeadline, "healthDeadline");
    Objects.requireNonNull(minUptime, "minUptime");
    if (healthDeadline.isNegative() || healthDeadline.isZero() || minUptime.isNegative()) {
      throw new IllegalArgumentException("the health deadline must be positive, the uptime not "
          + "negative");
    }
  }
}
