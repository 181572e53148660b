package dev.driftless.reconciler.engine;

/**
 * A mutation refused because this instance cannot prove it holds the lease: it lost it, it was
 * paused past its expiry, or another instance holds a newer fencing token. The refused write or
 * step did not happen; the instance that holds the lease reconciles from what it observes.
 */
public final class FencedOutException extends RuntimeException {

    public FencedOutException(String message) {
        super(message);
    }
}
