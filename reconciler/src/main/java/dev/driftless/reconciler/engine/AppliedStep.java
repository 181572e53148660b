package dev.driftless.reconciler.engine;

import dev.driftless.reconciler.plan.Action;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What became of one step of a plan: done, failed (with the engine's words) or skipped after a failure. */
public record AppliedStep(Action action, Status status, Duration took, Optional<String> error) {

    public enum Status { DONE, FAILED, SKIPPED }

    public AppliedStep {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(error, "error");
    }

    public static AppliedStep done(Action action, Duration took) {
        return new AppliedStep(action, Status.DONE, took, Optional.empty());
    }

    public static AppliedStep failed(Action action, Duration took, String error) {
        return new AppliedStep(action, Status.FAILED, took, Optional.of(error));
    }

    public static AppliedStep skipped(Action action) {
        return new AppliedStep(action, Status.SKIPPED, Duration.ZERO, Optional.empty());
    }
}
