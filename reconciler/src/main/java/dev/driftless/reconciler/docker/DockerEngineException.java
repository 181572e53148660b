package dev.driftless.reconciler.docker;

/**
 * A Docker engine could not be reached or refused a request. Translated once from docker-java's
 * and the transport's exceptions, with the engine's address and the operation in the message.
 */
public class DockerEngineException extends RuntimeException {

    public DockerEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
