package dev.driftless.reconciler.engine;

import java.time.Duration;

/**
 * What the reconciler tells the outside about itself. The core knows this interface only; the
 * daemon implements it with Micrometer, the one-shot commands with nothing.
 */
public interface ReconcileMetrics {

    ReconcileMetrics NONE = new ReconcileMetrics() {
    };

    /** One app reconciled with {@code result} (synced, applied, failed) in {@code took}. */
    default void reconciled(String app, String result, Duration took) {
    }

    /** One app reconciled on {@code target} with {@code result} in {@code took}. */
    default void reconciled(String app, String target, String result, Duration took) {
        reconciled(app, result, took);
    }

    /** The source was read (or not) in {@code took}. */
    default void sourceRead(boolean succeeded, Duration took) {
    }

    /** Whether target {@code target}'s engine answered the last time it was asked (observed, or after a rollout). */
    default void targetUp(String target, boolean up) {
    }

    /** A rollout left unfinished was recovered, closed as {@code state} (interrupted or stuck). */
    default void rolloutRecovered(String app, String state) {
    }

    /**
     * The containers of the app on {@code target} after the reconcile, counted by state
     * ({@code running}, {@code exited}, …); a state absent from the map has none.
     */
    default void managedContainers(String app, String target, java.util.Map<String, Integer> countByState) {
    }

    /**
     * A rollout ended: {@code succeeded}, {@code failed}, {@code rolled_back} (to a pinned earlier
     * revision), {@code recovered} (by a new leader) or {@code stuck}.
     */
    default void rolledOut(String app, String result) {
    }

    /** The engine no longer matched a revision already deployed: {@code kind} says how (stopped, removed, renamed, reconfigured). */
    default void driftDetected(String app, String kind) {
    }

    /** The same metrics, labelled with the source they come from (git fetches are per source). */
    default ReconcileMetrics forSource(String source) {
        return this;
    }
}
