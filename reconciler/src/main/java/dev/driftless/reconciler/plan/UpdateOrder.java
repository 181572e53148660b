package dev.driftless.reconciler.plan;

import dev.driftless.manifests.model.DesiredService;

/**
 * How a changed service's container is replaced, as Compose's {@code deploy.update_config.order}
 * says: {@code stop-first} (the default, as Compose: the old one stops, then the new one starts in
 * its place) or {@code start-first} (the new one starts beside the old under a temporary name, and
 * takes the name once it has proved healthy).
 */
public enum UpdateOrder {
    STOP_FIRST("stop-first"), START_FIRST("start-first");

    private final String label;

    UpdateOrder(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The order {@code deploy.update_config.order} names ({@code stop-first} or {@code start-first}). */
    public static UpdateOrder of(String label) {
        for (UpdateOrder order : values()) {
            if (order.label.equals(label)) {
                return order;
            }
        }
        throw new IllegalArgumentException("no update order '" + label + "'");
    }

    /**
     * Says which order each service is updated in. The planner asks it once per replacement, so the
     * service's {@code deploy.update_config.order} plugs in here and nowhere else.
     */
    @FunctionalInterface
    public interface Rule {

        /**
         * What the Compose file says: the service's {@code deploy.update_config.order}, stop-first
         * when it says nothing.
         */
        Rule COMPOSE_DEFAULT = service -> service.runtime().updateConfig().statesOrder()
                ? of(service.runtime().updateConfig().order()) : STOP_FIRST;

        UpdateOrder orderOf(DesiredService service);
    }
}
