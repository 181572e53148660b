package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.HealthState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Waits for a new container to prove healthy (DESIGN.md, invariant 5): its Docker health check
 * reports {@code healthy} when it has one, else it stays running, without restarting, for
 * {@code minUptime}. Either within {@code deadline}.
 *
 * @param deadline how long a new container has to prove itself ({@code driftless.rollout.health-deadline})
 * @param minUptime how long a container without a health check must stay up ({@code driftless.rollout.min-uptime})
 * @param pollEvery how often the engine is asked
 */
public record HealthGate(Duration deadline, Duration minUptime, Duration pollEvery) {

    public static final HealthGate DEFAULT = new HealthGate(Duration.ofSeconds(120), Duration.ofSeconds(3),
            Duration.ofMillis(250));

    public HealthGate {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(minUptime, "minUptime");
        Objects.requireNonNull(pollEvery, "pollEvery");
        if (deadline.compareTo(minUptime) < 0) {
            throw new IllegalArgumentException("the health deadline (" + deadline + ") is shorter than the minimum "
                    + "uptime (" + minUptime + ")");
        }
    }

    /** How the wait ended. */
    public enum Verdict { HEALTHY, UNHEALTHY, SUPERSEDED }

    /** The verdict and, when not healthy, why, in words for the user. */
    public record Outcome(Verdict verdict, String reason) {
    }

    /** Watches container {@code id} until it proves healthy, fails, or {@code superseded} says to stop. */
    Outcome await(ContainerOps ops, String id, Clock clock, BooleanSupplier superseded) {
        return await(ops, id, clock, superseded, false);
    }

    /**
     * Like the above; with {@code untilExit}, only an exit with code 0 within the deadline passes (a
     * service others wait on with {@code service_completed_successfully}: a migration, a seed job).
     */
    Outcome await(ContainerOps ops, String id, Clock clock, BooleanSupplier superseded, boolean untilExit) {
        Instant started = clock.instant();
        Instant until = started.plus(deadline);
        InspectContainerResponse first = ops.inspect(id);
        String startedAt = first.getState().getStartedAt();
        Integer restarts = first.getRestartCount();
        // The first look is judged too: with a minimum uptime of 0 s, a running container passes
        // on one engine call rather than two.
        InspectContainerResponse now = first;
        while (true) {
            InspectContainerResponse.ContainerState state = now.getState();
            if (!Boolean.TRUE.equals(state.getRunning()) && !Boolean.TRUE.equals(state.getRestarting())
                    && Long.valueOf(0).equals(state.getExitCodeLong())) {
                // A one-shot service (a migration, a seed job) that ran to completion: as for
                // docker compose up, that is success, not a container that failed to stay up.
                return new Outcome(Verdict.HEALTHY, "");
            }
            if (!Boolean.TRUE.equals(state.getRunning()) || Boolean.TRUE.equals(state.getRestarting())) {
                return new Outcome(Verdict.UNHEALTHY, "the new container " + state.getStatus() + " with exit code "
                        + state.getExitCodeLong() + (untilExit ? " instead of 0" : " instead of staying up"));
            }
            if (untilExit) {
                if (superseded.getAsBoolean()) {
                    return new Outcome(Verdict.SUPERSEDED, "a newer revision arrived while the new container was "
                            + "running to completion");
                }
                if (!clock.instant().isBefore(until)) {
                    return new Outcome(Verdict.UNHEALTHY, "still running after " + deadline.toSeconds() + " s, and "
                            + "a service waits for it to complete successfully");
                }
                if (!pause()) {
                    return new Outcome(Verdict.SUPERSEDED, "interrupted while waiting for the new container");
                }
                now = ops.inspect(id);
                continue;
            }
            if (!Objects.equals(startedAt, state.getStartedAt()) || !Objects.equals(restarts, now.getRestartCount())) {
                return new Outcome(Verdict.UNHEALTHY, "the new container restarted instead of staying up");
            }
            HealthState health = state.getHealth();
            if (health != null && health.getStatus() != null) {
                if ("healthy".equals(health.getStatus())) {
                    return new Outcome(Verdict.HEALTHY, "");
                }
                if ("unhealthy".equals(health.getStatus())) {
                    return new Outcome(Verdict.UNHEALTHY, "its health check reports unhealthy" + lastProbe(health));
                }
            } else if (!clock.instant().isBefore(started.plus(minUptime))) {
                return new Outcome(Verdict.HEALTHY, "");
            }
            if (superseded.getAsBoolean()) {
                return new Outcome(Verdict.SUPERSEDED, "told to stop while the new container was proving healthy "
                        + "(a newer revision arrived, or the rollout passed its progress deadline)");
            }
            if (!clock.instant().isBefore(until)) {
                return new Outcome(Verdict.UNHEALTHY, "not healthy within " + deadline.toSeconds() + " s"
                        + (health == null ? "" : lastProbe(health)));
            }
            if (!pause()) {
                return new Outcome(Verdict.SUPERSEDED, "interrupted while waiting for the new container");
            }
            now = ops.inspect(id);
        }
    }

    /** Sleeps one poll interval; false when interrupted. */
    private boolean pause() {
        try {
            Thread.sleep(pollEvery.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String lastProbe(HealthState health) {
        if (health.getLog() == null || health.getLog().isEmpty()) {
            return "";
        }
        String output = health.getLog().get(health.getLog().size() - 1).getOutput();
        return output == null || output.isBlank() ? "" : " (last probe: " + output.strip() + ")";
    }
}
