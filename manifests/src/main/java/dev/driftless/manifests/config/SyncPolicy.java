package dev.driftless.manifests.config;

import java.util.Objects;

/**
 * How Driftless keeps one app in sync with the repository.
 *
 * @param prune whether containers of services that left the app are removed
 * @param selfHeal whether drift (a container changed by hand) is corrected without a commit
 * @param rollout how a new revision replaces the running containers
 */
public record SyncPolicy(boolean prune, boolean selfHeal, RolloutPolicy rollout) {

  /** Prune, self-heal, the default rollout: what an app without {@code driftless.yaml} gets. */
  public static final SyncPolicy DEFAULT = new SyncPolicy(true, true, RolloutPolicy.DEFAULT);

  public SyncPolicy {
    Objects.requireNonNull(rollout, "rollout");
  }
}
