package dev.driftless.reconciler.engine;

import dev.driftless.reconciler.plan.Plan;

/**
 * Told when an app's rollout starts and how it ended, for those outside who want to know: the
 * commit status on the git provider, later notifications. A listener must return at once and never
 * throw; the rollout does not wait for it.
 */
public interface RolloutListener {

    RolloutListener NONE = new RolloutListener() {
    };

    /** A plan with changes is about to be carried out. */
    default void started(Snapshot snapshot, Plan plan) {
    }

    /** The app's reconcile ended: applied (fully or not), or failed before acting. */
    default void finished(Snapshot snapshot, AppOutcome outcome) {
    }
}
