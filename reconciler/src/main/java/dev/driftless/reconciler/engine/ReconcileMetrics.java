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

    /** The source was read (or not) in {@code took}. */
    default void sourceRead(boolean succeeded, Duration took) {
    }

    /** Whether the target engine answered the last time it was asked (observed, or after a rollout). */
    default void targetReachable(boolean reachable) {
    }

    /** A rollout left unfinished was recovered, closed as {@code state} (interrupted or stuck). */
    default void rolloutRecovered(String app, String state) {
    }

    /** How many containers of the app run on the target after the reconcile. */
    default void managedContainers(String app, int count) {
    }
}
