package dev.driftless.manifests.layout;

import dev.driftless.manifests.config.Deployment;
import dev.driftless.manifests.config.GroupConfig;
import dev.driftless.manifests.config.Policies;
import dev.driftless.manifests.config.SyncPolicy;
import dev.driftless.manifests.config.TargetConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how a rendered app runs: what {@code driftless.yaml} says about it, resolved.
 *
 * @param app the declared app's name (the rendered app's name adds the environment when the app
 *     is rendered for several)
 * @param environment the environment it was rendered for, if any
 * @param targets the engines it runs on, in rollout order; never empty
 * @param policies what it may do on those engines
 * @param sync pruning, self-healing and rollout
 * @param order whether a revision reaches {@code targets} one after the other (stopping at the
 *     first that fails) or all at once, as the groups it deploys through say
 */
public record AppPlacement(
    String app,
    Optional<String> environment,
    List<TargetConfig> targets,
    Policies policies,
    SyncPolicy sync,
    GroupConfig.Order order) {

  public AppPlacement {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(environment, "environment");
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("app '" + app + "' needs a target");
    }
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(order, "order");
  }

  /**
   * An app of a repository without {@code driftless.yaml}: the local engine, every host
   * privilege denied, prune and self-heal on, the default rollout.
   */
  public static AppPlacement local(String app) {
    return new AppPlacement(app, Optional.empty(), List.of(TargetConfig.local()),
        Policies.DENY_ALL, SyncPolicy.DEFAULT, GroupConfig.Order.SEQUENTIAL);
  }

  static AppPlacement of(Deployment deployment, List<TargetConfig> targets, Policies policies,
      SyncPolicy sync, GroupConfig.Order order) {
    return new AppPlacement(deployment.app(), deployment.environment(), targets, policies, sync,
        order);
  }

  /** Whether it runs only on the local engine. */
  public boolean isLocalOnly() {
    return targets.stream().allMatch(TargetConfig::isLocalDefault);
  }
}
