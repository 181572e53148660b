package dev.driftless.reconciler.docker;

/** The engine and Driftless share no API version; nothing can be done with that engine. */
public final class EngineUnsupportedException extends DockerEngineException {

    public EngineUnsupportedException(String message) {
        super(message, null);
    }
}
