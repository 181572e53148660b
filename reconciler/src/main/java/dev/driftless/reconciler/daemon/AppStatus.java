package dev.driftless.reconciler.daemon;

import dev.driftless.reconciler.engine.AppOutcome;
import dev.driftless.reconciler.engine.RetryBackoff;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the daemon last knew of one app, as the API serves it.
 *
 * @param sync {@code Synced} (the engine matches the revision), {@code OutOfSync} (a rollout step
 *     failed, so it does not), or {@code Unknown} (the app could not be rendered or its engine not
 *     observed; what runs was left as it was)
 * @param health what the last reconcile found: {@code Healthy} (the app runs as its revision says),
 *     {@code Progressing} (a rollout runs, or waits on a health gate), {@code Degraded} (a step
 *     failed, the app could not be rendered or observed, or drift is left unhealed) or
 *     {@code Missing} (none of the app's containers exists); see {@link #health(boolean)}
 * @param result the last reconcile's result: synced, applied, drifted or failed
 * @param error the last reconcile's error, "" when none
 * @param nextAttemptAt when a revision whose rollout failed is tried again (retry backoff); absent
 *     when no failed revision waits
 */
@Serdeable
public record AppStatus(String app, String source, String revision, String sync, String health, String result,
        String error, Instant reconciledAt, Optional<Instant> nextAttemptAt) {

    /** The values {@link #health} may take; the API adds {@code Suspended}. */
    static final java.util.Set<String> HEALTH = java.util.Set.of("Healthy", "Progressing", "Degraded", "Missing");

    public AppStatus {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(sync, "sync");
        if (!HEALTH.contains(health)) {
            throw new IllegalArgumentException("health '" + health + "' is not one of " + HEALTH);
        }
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(reconciledAt, "reconciledAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }

    /**
     * The app's health as the API and the {@code driftless_app_info} metric say it: one of
     * {@code Healthy}, {@code Progressing}, {@code Degraded}, {@code Missing} or {@code Suspended}
     * (automatic sync off, whatever runs).
     */
    public String health(boolean suspended) {
        return suspended ? "Suspended" : health;
    }

    /** This status while a rollout of the app runs: its health is {@code Progressing} until it ends. */
    AppStatus progressing(String rolloutRevision, Instant at) {
        return new AppStatus(app, source, rolloutRevision, sync, "Progressing", result, error, at, nextAttemptAt);
    }

    /**
     * The status a reconcile's outcome gives the app.
     *
     * @param absent whether none of the app's containers existed after the reconcile
     */
    static AppStatus of(String source, String revision, AppOutcome outcome, Instant at,
            Optional<RetryBackoff.Failure> failure, boolean absent) {
        String sync;
        String health;
        String error = "";
        if (outcome instanceof AppOutcome.Applied applied) {
            sync = applied.succeeded() ? "Synced" : "OutOfSync";
            health = applied.succeeded() ? "Healthy" : "Degraded";
            error = applied.error();
        } else if (outcome instanceof AppOutcome.Drifted drifted) {
            sync = "OutOfSync";
            health = "Degraded";
            error = drifted.describe();
        } else if (outcome instanceof AppOutcome.Failed failed) {
            sync = "Unknown";
            health = "Degraded";
            error = failed.error();
        } else {
            sync = "Synced";
            health = "Healthy";
        }
        if (absent && !(outcome instanceof AppOutcome.InSync)) {
            health = "Missing";
        }
        return new AppStatus(outcome.app(), source, revision, sync, health, outcome.result(), error, at,
                failure.map(RetryBackoff.Failure::nextAttempt));
    }

    /** A status that starts as {@code Progressing}: the app's first rollout runs. */
    static AppStatus first(String app, String source, String revision, Instant at) {
        return new AppStatus(app, source, revision, "Unknown", "Progressing", "", "", at, Optional.empty());
    }
}
