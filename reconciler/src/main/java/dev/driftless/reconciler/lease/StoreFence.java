package dev.driftless.reconciler.lease;

import java.sql.Connection;

/**
 * Asked inside the transaction of every store write of a rollout: the write commits only if this
 * instance still holds the lease with its token. A paused former leader that wakes up finds its
 * writes refused instead of overwriting what the new leader recorded.
 */
@FunctionalInterface
public interface StoreFence {

    /** For contexts without a daemon (the one-shot commands, a store opened by a test). */
    StoreFence NONE = (connection, app, action) -> { };

    /**
     * @param connection the transaction the write runs in; the proof locks the lease row in it
     * @throws dev.driftless.reconciler.engine.FencedOutException when the lease cannot be proved
     */
    void proveIn(Connection connection, String app, String action);
}
