package dev.driftless.reconciler.plan;

import java.util.Objects;

/**
 * What the planner may do beyond creating and updating, and how it updates.
 *
 * @param prune remove containers whose service (or whole app) left the repo
 * @param order how each changed service's containers are replaced
 */
public record PlanPolicy(boolean prune, UpdateOrder.Rule order) {

    public PlanPolicy {
        Objects.requireNonNull(order, "order");
    }

    public PlanPolicy(boolean prune) {
        this(prune, UpdateOrder.Rule.COMPOSE_DEFAULT);
    }

    public static PlanPolicy defaults() {
        return new PlanPolicy(true);
    }
}
