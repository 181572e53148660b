package dev.driftless.reconciler.plan;

/**
 * The app cannot be planned against what the target holds: an external network or volume the
 * repo names does not exist, or a name the app needs is taken by something that is not the app's.
 * Nothing of the app is changed; the reconciler reports the message as the app's failure.
 */
public final class UnplannableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnplannableException(String message) {
        super(message);
    }
}
