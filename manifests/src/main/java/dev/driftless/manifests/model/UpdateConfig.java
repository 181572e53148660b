package dev.driftless.manifests.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a service's containers are replaced when it changes: Compose's {@code deploy.update_config}.
 * It paces a rollout; it does not configure a container, so it is not part of the spec hash.
 *
 * @param parallelism containers replaced at once; 0 means all at once
 * @param delay time to wait between two groups of containers
 * @param failureAction {@code rollback} (Driftless's default), {@code pause} or {@code continue}
 * @param monitor time to watch a new container for failure after it is updated
 * @param order {@code stop-first} (the old one stops before the new one starts) or
 *     {@code start-first}; empty when the file does not say, so that the app's own
 *     {@code rollout.order} in {@code driftless.yaml} can apply (stop-first when that says nothing
 *     either)
 */
public record UpdateConfig(
    int parallelism, Duration delay, String failureAction, Duration monitor, String order) {

  /** The failure actions Compose defines. */
  public static final Set<String> FAILURE_ACTIONS = Set.of("pause", "continue", "rollback");

  /** The orders Compose defines. */
  public static final Set<String> ORDERS = Set.of("stop-first", "start-first");

  /**
   * Compose's defaults, one at a time, no delay, the order not stated (stop first unless the app's
   * policy says otherwise), except on failure: Swarm pauses, Driftless rolls back, since putting
   * the previous containers back is what it promises for a revision that does not prove healthy.
   */
  public static final UpdateConfig DEFAULT =
      new UpdateConfig(1, Duration.ZERO, "rollback", Duration.ZERO, "");

  /** Whether the Compose file states the order (else the app's policy decides). */
  public boolean statesOrder() {
    return !order.isEmpty();
  }

  public UpdateConfig {
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(monitor, "monitor");
    if (parallelism < 0) {
      throw new IllegalArgumentException("parallelism must not be negative");
    }
    if (delay.isNegative() || monitor.isNegative()) {
      throw new IllegalArgumentException("delay and monitor must not be negative");
    }
    if (!FAILURE_ACTIONS.contains(failureAction)) {
      throw new IllegalArgumentException(
          "failure_action '" + failureAction + "' is not one of " + FAILURE_ACTIONS);
    }
    Objects.requireNonNull(order, "order");
    if (!order.isEmpty() && !ORDERS.contains(order)) {
      throw new IllegalArgumentException("order '" + order + "' is not one of " + ORDERS);
    }
  }
}
