package dev.driftless.reconciler.plan;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One difference between what runs and a revision already deployed that nobody committed: a
 * container stopped, removed, renamed or reconfigured by hand. Reported (the
 * {@code driftless_drift_detected_total} metric, the status) and healed by {@code heals} when the
 * app's {@code selfHeal} is on.
 *
 * @param subject the container's name as the revision has it
 * @param reason what happened, in words ("container was stopped by hand")
 * @param heals the plan's steps that undo it
 */
public record Drift(Kind kind, String subject, String reason, List<Action> heals) {

    public Drift {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(reason, "reason");
        heals = List.copyOf(heals);
    }

    /** The kinds of drift, as the metric's {@code kind} label names them. */
    public enum Kind {
        STOPPED, REMOVED, RENAMED, RECONFIGURED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** "container shop-web-1 was stopped by hand", for the status and the history. */
    public String describe() {
        return subject + ": " + reason;
    }
}
