package dev.driftless.reconciler.engine;

import dev.driftless.reconciler.plan.Action;

import java.time.Instant;
import java.util.List;

/**
 * The durable record of rollouts step by step, written before each step runs, so that a process
 * killed at any instant leaves enough for the next one to finish or undo what it was doing
 * (DESIGN.md, invariant 2). The daemon keeps it in its store; {@link #NONE} keeps nothing.
 */
public interface RolloutJournal {

    RolloutJournal NONE = new RolloutJournal() {
        @Override
        public long begin(String app, String revision, String trigger, List<Action> steps) {
            return 0;
        }

        @Override
        public void step(long rollout, int index, JournalState state, String detail) {
        }

        @Override
        public void finish(long rollout, JournalState state, String error) {
        }

        @Override
        public List<JournalEntry> unfinished() {
            return List.of();
        }

        @Override
        public List<JournalEntry> recent(String app, int limit) {
            return List.of();
        }
    };

    /** Writes a running rollout and all its steps, pending; returns the rollout's id. */
    long begin(String app, String revision, String trigger, List<Action> steps);

    /**
     * Writes a running rollout on {@code target} and all its steps, pending; returns the rollout's
     * id. A journal that keeps no targets records it as {@link #begin(String, String, String, List)}.
     */
    default long begin(String app, String revision, String trigger, List<Action> steps, String target) {
        return begin(app, revision, trigger, steps);
    }

    /** Moves step {@code index} to {@code state} (running, done, failed, skipped) with a detail or error. */
    void step(long rollout, int index, JournalState state, String detail);

    /** Ends a rollout: done, failed, interrupted, stuck or superseded, with the reason when not done. */
    void finish(long rollout, JournalState state, String error);

    /**
     * Rollouts on every target still marked running that this process is not running: the process
     * that began them died (or lost the lease). Oldest first; each says its target, so that
     * recovery repairs the engine it ran on.
     */
    List<JournalEntry> unfinished();

    /** The app's newest rollouts with their steps, newest first. */
    List<JournalEntry> recent(String app, int limit);

    /** The states of rollouts and steps in the journal. */
    enum JournalState {
        PENDING, RUNNING, DONE, FAILED, SKIPPED, INTERRUPTED, STUCK, SUPERSEDED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static JournalState of(String label) {
            return valueOf(label.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** One rollout as the journal has it, on the target (Docker engine) it ran on. */
    record JournalEntry(long id, String app, String revision, String trigger, JournalState state, Instant startedAt,
            Instant updatedAt, String error, List<JournalStep> steps, String target) {

        public JournalEntry {
            steps = List.copyOf(steps);
            java.util.Objects.requireNonNull(target, "target");
        }
    }

    /** One step of a rollout as the journal has it; {@code detail} is its last progress or its error. */
    record JournalStep(int index, String kind, String subject, String reason, JournalState state, String detail,
            Instant updatedAt) {
    }
}
