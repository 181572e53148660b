package dev.driftless.providers.status;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one request came to, classified once so that the retry, the circuit breaker and the final
 * outcome all read the same verdict.
 *
 * @param kind the class of answer
 * @param httpStatus the provider's status code, or 0 when there was none
 * @param retryAfter how long the provider asked to wait, when it did
 * @param retryable whether another attempt may succeed: server errors, network errors and rate
 *     limits no longer than Driftless waits; never any other 4xx
 * @param detail what happened, redacted, for the outcome's message
 */
record Attempt(Kind kind, int httpStatus, Optional<Duration> retryAfter, boolean retryable, String detail) {

    /** The classes of answer. */
    enum Kind {
        /** 2xx: the status is stored. */
        ACCEPTED,
        /** A 4xx other than a rate limit, or a redirect: the request itself is wrong. */
        REFUSED,
        /** 429 (or GitHub's rate-limit 403): the provider is up and asks to slow down. */
        RATE_LIMITED,
        /** 5xx: the provider is failing. */
        SERVER_ERROR,
        /** No answer: refused connection, reset, timeout. */
        NETWORK_ERROR,
        /** Not sent: the host's circuit breaker is open. */
        CIRCUIT_OPEN
    }

    Attempt {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(detail, "detail");
    }

    static Attempt circuitOpen() {
        return new Attempt(Kind.CIRCUIT_OPEN, 0, Optional.empty(), false, "the circuit breaker is open");
    }

    static Attempt networkError(String detail) {
        return new Attempt(Kind.NETWORK_ERROR, 0, Optional.empty(), true, detail);
    }

    /**
     * Whether this attempt is evidence that the host is down, for its circuit breaker: server and
     * network errors are; refusals and rate limits come from a host that is up.
     */
    boolean countsAgainstHost() {
        return kind == Kind.SERVER_ERROR || kind == Kind.NETWORK_ERROR;
    }
}
