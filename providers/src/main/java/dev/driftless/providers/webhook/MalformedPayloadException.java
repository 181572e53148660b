package dev.driftless.providers.webhook;

/**
 * A verified delivery whose body cannot be read as the provider's payload: not JSON, over a
 * parsing limit, or missing a field a push must have. It becomes a 400 answer, never a 500; its
 * message is written for the sender and quotes request text only through {@link Texts#shown}.
 */
final class MalformedPayloadException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedPayloadException(String message) {
        super(message);
    }
}
