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
 * @param result the last reconcile's result: synced, applied or failed
 * @param error the last reconcile's error, "" when none
 * @param nextAttemptAt when a revision whose rollout failed is tried again (retry backoff); absent
 *     when no failed revision waits
 */
@Serdeable
public record AppStatus(String app, String source, String revision, String sync, String result, String error,
        Instant reconciledAt, Optional<Instant> nextAttemptAt) {

    public AppStatus {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(reconciledAt, "reconciledAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }

    /**
     * Healthy (in sync), Degraded (a step failed), Suspended (automatic sync off), or Unknown (not
     * rendered or not observed); health checks of containers come later. The API and the
     * {@code driftless_app_info} metric say the same.
     */
    public String health(boolean suspended) {
        if (suspended) {
            return "Suspended";
        }
        return switch (sync) {
            case "Synced" -> "Healthy";
            case "OutOfSync" -> "Degraded";
            default -> "Unknown";
        };
    }

    static AppStatus of(String source, String revision, AppOutcome outcome, Instant at,
            Optional<RetryBackoff.Failure> failure) {
        String sync;
        String error = "";
        if (outcome instanceof AppOutcome.Applied applied) {
            sync = applied.succeeded() ? "Synced" : "OutOfSync";
            error = applied.error();
        } else if (outcome instanceof AppOutcome.Drifted drifted) {
            sync = "OutOfSync";
            error = drifted.describe();
        } else if (outcome instanceof AppOutcome.Failed failed) {
            sync = "Unknown";
            error = failed.error();
        } else {
            sync = "Synced";
        }
        return new AppStatus(outcome.app(), source, revision, sync, outcome.result(), error, at,
                failure.map(RetryBackoff.Failure::nextAttempt));
    }
}
