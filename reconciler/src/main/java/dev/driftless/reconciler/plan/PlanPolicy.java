package dev.driftless.reconciler.plan;

/**
 * What the planner may do beyond creating and updating.
 *
 * @param prune remove containers whose service (or whole app) left the repo
 */
public record PlanPolicy(boolean prune) {

    public static PlanPolicy defaults() {
        return new PlanPolicy(true);
    }
}
