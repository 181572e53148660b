package dev.driftless.reconciler.engine;

/**
 * Where an executor says, step by step, what it is about to do and what it did, so that the
 * journal holds each step <em>before</em> it touches the engine (DESIGN.md, invariant 2). Steps are
 * numbered by their index in the plan; sub-steps of a replacement are reported as progress.
 */
public interface StepLog {

    StepLog NONE = new StepLog() {
    };

    /** Step {@code index} of the plan is about to run. */
    default void running(int index) {
    }

    /** Step {@code index} passed a point worth knowing after a crash ("old container renamed aside"). */
    default void progress(int index, String detail) {
    }

    /** Step {@code index} ended: done, failed (with the engine's words) or skipped. */
    default void finished(int index, AppliedStep step) {
    }

    /**
     * Whether the rollout should end at its next safe point because a newer revision is waiting;
     * checked while a step waits on a health gate.
     */
    default boolean superseded() {
        return false;
    }
}
