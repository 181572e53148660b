package dev.driftless.reconciler.plan;

import dev.driftless.manifests.config.RolloutPolicy;
import dev.driftless.manifests.config.SyncPolicy;
import java.util.Objects;

/**
 * What the planner may do beyond creating and updating, and how it updates: the daemon's choice
 * narrowed, per app, by what the app's {@code driftless.yaml} says ({@link #forApp}).
 *
 * @param prune remove containers whose service (or whole app) left the repo
 * @param order how each changed service's containers are replaced
 * @param health how long the app's new containers have to prove healthy, where its
 *     {@code driftless.yaml} says
 */
public record PlanPolicy(boolean prune, UpdateOrder.Rule order, HealthTiming health) {

    public PlanPolicy {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(health, "health");
    }

    public PlanPolicy(boolean prune, UpdateOrder.Rule order) {
        this(prune, order, HealthTiming.DAEMON);
    }

    public PlanPolicy(boolean prune) {
        this(prune, UpdateOrder.Rule.COMPOSE_DEFAULT);
    }

    public static PlanPolicy defaults() {
        return new PlanPolicy(true);
    }

    /**
     * This policy for an app whose {@code driftless.yaml} says {@code sync}: {@code prune: false}
     * turns pruning off (it never turns on what the daemon turned off), {@code rollout.order} is
     * the order of every service whose Compose file states none, and the rollout's timings go to
     * the health gate.
     */
    public PlanPolicy forApp(SyncPolicy sync) {
        UpdateOrder appOrder = sync.rollout().order() == RolloutPolicy.Order.START_FIRST
                ? UpdateOrder.START_FIRST : UpdateOrder.STOP_FIRST;
        UpdateOrder.Rule rule = service -> service.runtime().updateConfig().statesOrder()
                ? order.orderOf(service) : appOrder;
        return new PlanPolicy(prune && sync.prune(), rule, HealthTiming.of(sync.rollout()));
    }
}
