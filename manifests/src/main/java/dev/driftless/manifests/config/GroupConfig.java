package dev.driftless.manifests.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A named set of targets that share an environment and roll out together, such as the three
 * hosts of an edge fleet.
 *
 * @param name the group's name
 * @param targets the targets, in rollout order; never empty
 * @param environment the environment apps are rendered for on these targets, if any
 * @param order whether the targets are updated one after the other or all at once
 */
public record GroupConfig(
    String name, List<String> targets, Optional<String> environment, Order order) {

  /** How a rollout moves through a group's targets. */
  public enum Order {
    /** One target at a time, in the listed order; a failure stops the rest. */
    SEQUENTIAL,
    /** Every target at once. */
    PARALLEL
  }

  public GroupConfig {
    Objects.requireNonNull(name, "name");
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("group '" + name + "' needs a target");
    }
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(order, "order");
  }
}
