package dev.driftless.reconciler.engine;

import dev.driftless.manifests.config.TargetConfig;

import java.time.Instant;
import java.util.Objects;

/**
 * One app's part of one reconcile on one target, as history keeps it. Never holds a secret: the summary names
 * steps and reasons, the error is an engine or manifest message.
 */
public record RolloutEntry(String app, String revision, String trigger, Instant startedAt, Instant finishedAt,
        String result, String summary, String error, String target) {

    /** An entry of the local target. */
    public RolloutEntry(String app, String revision, String trigger, Instant startedAt, Instant finishedAt,
            String result, String summary, String error) {
        this(app, revision, trigger, startedAt, finishedAt, result, summary, error, TargetConfig.LOCAL);
    }

    public RolloutEntry {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(target, "target");
    }

    /** Whether this entry says nothing new after {@code earlier}: same revision, result and error. */
    public boolean repeats(RolloutEntry earlier) {
        return revision.equals(earlier.revision) && result.equals(earlier.result) && error.equals(earlier.error);
    }
}
