package dev.driftless.reconciler.daemon;

import dev.driftless.reconciler.docker.HealthGate;
import dev.driftless.reconciler.engine.RetryBackoff;
import dev.driftless.reconciler.engine.RolloutRecovery;
import io.micronaut.context.env.Environment;

import java.time.Duration;
import java.util.Objects;

/**
 * How the daemon rolls out: the health gate of new containers, the progress deadline after which
 * an unfinished rollout counts as stuck, and the backoff of failed revisions. Each has a default
 * and a key under {@code driftless.rollout.}.
 */
public record RolloutSettings(HealthGate gate, Duration progressDeadline, Duration retryInitial, Duration retryMax) {

    public RolloutSettings {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(progressDeadline, "driftless.rollout.progress-deadline");
        Objects.requireNonNull(retryInitial, "driftless.rollout.retry-initial");
        Objects.requireNonNull(retryMax, "driftless.rollout.retry-max");
    }

    static RolloutSettings from(Environment environment) {
        HealthGate defaults = HealthGate.DEFAULT;
        return new RolloutSettings(
                new HealthGate(duration(environment, "health-deadline", defaults.deadline()),
                        duration(environment, "min-uptime", defaults.minUptime()), defaults.pollEvery()),
                duration(environment, "progress-deadline", RolloutRecovery.DEFAULT_PROGRESS_DEADLINE),
                duration(environment, "retry-initial", Duration.ofSeconds(10)),
                duration(environment, "retry-max", Duration.ofMinutes(5)));
    }

    RetryBackoff backoff() {
        return new RetryBackoff(retryInitial, retryMax);
    }

    private static Duration duration(Environment environment, String key, Duration fallback) {
        return environment.getProperty("driftless.rollout." + key, Duration.class).orElse(fallback);
    }
}
