package dev.driftless.reconciler.engine;

/**
 * Asked before every step that changes the engine: only the instance that holds the lease may
 * make it. The daemon's guard proves the lease in a store transaction and records the step with
 * its fencing token; a one-shot command ({@code driftless apply}) runs alone and needs none.
 */
@FunctionalInterface
public interface MutationGuard {

    /** For commands that run alone, without a store or a lease. */
    MutationGuard NONE = (app, step) -> { };

    /**
     * Returns when the step may run; otherwise throws, and the step must not run.
     *
     * @param app the app the step belongs to
     * @param step the step in words ("create shop-web-1"), as the fencing log records it
     * @throws FencedOutException when this instance cannot prove it holds the lease
     */
    void beforeMutation(String app, String step);
}
