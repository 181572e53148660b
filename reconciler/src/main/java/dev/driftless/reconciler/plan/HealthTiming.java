package dev.driftless.reconciler.plan;

import dev.driftless.manifests.config.RolloutPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long an app's new containers have to prove healthy, when its {@code driftless.yaml} says
 * ({@code rollout.healthDeadline}, {@code rollout.minUptime}). It travels with the app's plan to
 * the applier, whose health gate takes what is set here over the daemon's own settings; what is
 * empty stays the daemon's.
 */
public record HealthTiming(Optional<Duration> deadline, Optional<Duration> minUptime) {

    /** Nothing set: the daemon's settings apply. */
    public static final HealthTiming DAEMON = new HealthTiming(Optional.empty(), Optional.empty());

    public HealthTiming {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(minUptime, "minUptime");
    }

    /** The timing an app's rollout policy sets. */
    public static HealthTiming of(RolloutPolicy rollout) {
        return new HealthTiming(rollout.healthDeadline(), rollout.minUptime());
    }
}
