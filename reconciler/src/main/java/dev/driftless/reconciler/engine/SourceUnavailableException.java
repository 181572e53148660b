package dev.driftless.reconciler.engine;

/** The desired state could not be read (git fetch failed, folder missing); the last good state keeps running. */
public final class SourceUnavailableException extends Exception {

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
