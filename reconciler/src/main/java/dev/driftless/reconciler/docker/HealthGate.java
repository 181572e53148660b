package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.reconciler.plan.HealthTiming;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a new container to prove healthy (DESIGN.md, invariant 5): its Docker health check
 * reports {@code healthy} when it has one, else it stays running, without restarting, for
 * {@code minUptime}. Either within {@code deadline}. With a {@code monitor} window (a service's
 * {@code deploy.update_config.monitor}), a container with a health check must also stay running and
 * healthy for that long after it first reports healthy: a process that passes its first probe and
 * crashes a second later is caught before the old container is removed.
 *
 * @param deadline how long a new container has to prove itself ({@code driftless.rollout.health-deadline})
 * @param minUptime how long a container without a health check must stay up ({@code driftless.rollout.min-uptime})
 * @param pollEvery how often the engine is asked
 * @param monitor how long a container must stay running and healthy after it reports healthy; zero
 *     for none (a verdict at the first {@code healthy})
 */
public record HealthGate(Duration deadline, Duration minUptime, Duration pollEvery, Duration monitor) {

    public static final HealthGate DEFAULT = new HealthGate(Duration.ofSeconds(120), Duration.ofSeconds(3),
            Duration.ofMillis(250));

    public HealthGate {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(minUptime, "minUptime");
        Objects.requireNonNull(pollEvery, "pollEvery");
        Objects.requireNonNull(monitor, "monitor");
        if (deadline.compareTo(minUptime) < 0) {
            throw new IllegalArgumentException("the health deadline (" + deadline + ") is shorter than the minimum "
                    + "uptime (" + minUptime + ")");
        }
        if (monitor.isNegative()) {
            throw new IllegalArgumentException("the monitor window must not be negative: " + monitor);
        }
    }

    /** A gate with no monitor window: a verdict at the first {@code healthy}. */
    public HealthGate(Duration deadline, Duration minUptime, Duration pollEvery) {
        this(deadline, minUptime, pollEvery, Duration.ZERO);
    }

    /**
     * The gate for an app whose {@code driftless.yaml} sets its own timing: what it sets replaces
     * this gate's deadline and uptime, the rest stays. A deadline shorter than the uptime that
     * results (the app set one, the daemon the other) grows to the uptime, so the gate can be met.
     */
    public HealthGate forApp(HealthTiming timing) {
        Duration appUptime = timing.minUptime().orElse(minUptime);
        Duration appDeadline = timing.deadline().orElse(deadline);
        if (appUptime.equals(minUptime) && appDeadline.equals(deadline)) {
            return this;
        }
        return new HealthGate(atLeast(appDeadline, appUptime), appUptime, pollEvery, monitor);
    }

    /**
     * The gate for {@code service}'s new containers: this one, unless the service sets
     * {@code deploy.update_config.monitor}, which then is both its minimum uptime (without a health
     * check) and its watch after {@code healthy} (with one). The deadline grows to the monitor window
     * when shorter, so a long monitor can be met at all.
     */
    public HealthGate forService(DesiredService service) {
        Duration watch = service.runtime().updateConfig().monitor();
        if (watch.isZero()) {
            return this;
        }
        return new HealthGate(atLeast(deadline, watch), watch, pollEvery, watch);
    }

    /** A deadline stretched to {@code uptime} when shorter, so that the gate can be met at all. */
    private static Duration atLeast(Duration deadline, Duration uptime) {
        return deadline.compareTo(uptime) < 0 ? uptime : deadline;
    }

    /** How the wait ended. */
    public enum Verdict { HEALTHY, UNHEALTHY, SUPERSEDED }

    /** The verdict and, when not healthy, why, in words for the user. */
    public record Outcome(Verdict verdict, String reason) {
    }

    /**
     * What one inspect of a container says, as far as the gate judges it: docker-java's answer
     * reduced to values, so that the judgement ({@link #judge}) is a pure function.
     *
     * @param status the engine's word for the state ({@code running}, {@code exited}, ...)
     * @param exitCode the last exit code, if the engine gave one
     * @param startedAt when the engine last started it; a change means a restart
     * @param health the health check's status ({@code starting}, {@code healthy}, {@code unhealthy}),
     *     empty when the container has none
     * @param lastProbe the output of its last health probe, or empty
     */
    record Look(boolean running, boolean restarting, String status, Long exitCode, String startedAt, Integer restarts,
            Optional<String> health, String lastProbe) {

        Look {
            Objects.requireNonNull(health, "health");
            Objects.requireNonNull(lastProbe, "lastProbe");
        }

        static Look of(InspectContainerResponse inspected) {
            InspectContainerResponse.ContainerState state = inspected.getState();
            HealthState health = state.getHealth();
            return new Look(Boolean.TRUE.equals(state.getRunning()), Boolean.TRUE.equals(state.getRestarting()),
                    state.getStatus(), state.getExitCodeLong(), state.getStartedAt(), inspected.getRestartCount(),
                    Optional.ofNullable(health).map(HealthState::getStatus), probeOutput(health));
        }

        boolean completed() {
            return !running && !restarting && Long.valueOf(0).equals(exitCode);
        }

        boolean healthy() {
            return health.filter("healthy"::equals).isPresent();
        }
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
        return await(() -> Look.of(ops.inspect(id)), clock, superseded, untilExit);
    }

    /** The wait itself, each look at the container taken from {@code look}: one engine call each. */
    Outcome await(Supplier<Look> look, Clock clock, BooleanSupplier superseded, boolean untilExit) {
        Instant started = clock.instant();
        Instant until = started.plus(deadline);
        // The first look is judged too: with a minimum uptime of 0 s, a running container passes
        // on one engine call rather than two.
        Look first = look.get();
        Look now = first;
        Optional<Instant> healthySince = Optional.empty();
        while (true) {
            Instant at = clock.instant();
            // Only the health gate has a monitor window; a run to completion is bounded by the deadline alone.
            if (!untilExit && healthySince.isEmpty() && now.healthy()) {
                healthySince = Optional.of(at);
            }
            Optional<Duration> healthyFor = healthySince.map(since -> Duration.between(since, at));
            Optional<Outcome> verdict = judge(first, now, Duration.between(started, at), healthyFor, untilExit);
            if (verdict.isPresent()) {
                return verdict.get();
            }
            if (superseded.getAsBoolean()) {
                return new Outcome(Verdict.SUPERSEDED, untilExit
                        ? "a newer revision arrived while the new container was running to completion"
                        : "told to stop while the new container was proving healthy "
                                + "(a newer revision arrived, or the rollout passed its progress deadline)");
            }
            // Once healthy, the monitor window bounds the wait, not the deadline.
            if (healthySince.isEmpty() && !clock.instant().isBefore(until)) {
                return new Outcome(Verdict.UNHEALTHY, untilExit
                        ? "still running after " + deadline.toSeconds() + " s, and a service waits for it to "
                                + "complete successfully"
                        : "not healthy within " + deadline.toSeconds() + " s" + probe(now));
            }
            if (!pause()) {
                return new Outcome(Verdict.SUPERSEDED, "interrupted while waiting for the new container");
            }
            now = look.get();
        }
    }

    /**
     * The gate's judgement of one look at a container, or empty while it has to keep watching.
     *
     * @param first the look when the wait began, to tell a restart
     * @param now the latest look
     * @param elapsed time since the wait began
     * @param healthyFor time since the container first reported healthy, if it has
     * @param untilExit whether only an exit with code 0 passes
     */
    Optional<Outcome> judge(Look first, Look now, Duration elapsed, Optional<Duration> healthyFor, boolean untilExit) {
        if (now.completed()) {
            // A one-shot service (a migration, a seed job) that ran to completion: as for
            // docker compose up, that is success, not a container that failed to stay up.
            return Optional.of(new Outcome(Verdict.HEALTHY, ""));
        }
        if (!now.running() || now.restarting()) {
            return Optional.of(new Outcome(Verdict.UNHEALTHY, "the new container " + now.status() + " with exit code "
                    + now.exitCode() + (untilExit ? " instead of 0" : " instead of staying up" + watched(now, healthyFor))));
        }
        if (untilExit) {
            return Optional.empty();
        }
        if (!Objects.equals(first.startedAt(), now.startedAt()) || !Objects.equals(first.restarts(), now.restarts())) {
            return Optional.of(new Outcome(Verdict.UNHEALTHY, "the new container restarted instead of staying up"
                    + watched(now, healthyFor)));
        }
        if (now.health().isPresent()) {
            if ("unhealthy".equals(now.health().get())) {
                return Optional.of(new Outcome(Verdict.UNHEALTHY, "its health check reports unhealthy"
                        + watched(now, healthyFor) + probe(now)));
            }
            if (healthyFor.isPresent() && healthyFor.get().compareTo(monitor) >= 0) {
                return Optional.of(new Outcome(Verdict.HEALTHY, ""));
            }
            return Optional.empty();
        }
        return elapsed.compareTo(minUptime) >= 0 ? Optional.of(new Outcome(Verdict.HEALTHY, "")) : Optional.empty();
    }

    /** Names the monitor window in a failure it caught, so the user sees why the container was still watched. */
    private String watched(Look now, Optional<Duration> healthyFor) {
        if (monitor.isZero()) {
            return "";
        }
        if (healthyFor.isPresent()) {
            return " within update_config.monitor (" + seconds(monitor) + ") of reporting healthy";
        }
        return now.health().isEmpty() ? " for update_config.monitor (" + seconds(monitor) + ")" : "";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
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

    private static String probe(Look look) {
        return look.lastProbe().isEmpty() ? "" : " (last probe: " + look.lastProbe() + ")";
    }

    private static String probeOutput(HealthState health) {
        if (health == null || health.getLog() == null || health.getLog().isEmpty()) {
            return "";
        }
        String output = health.getLog().get(health.getLog().size() - 1).getOutput();
        return output == null ? "" : output.strip();
    }
}
