package dev.driftless.providers.status;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How hard the commit status clients try, and how long they wait. The defaults bound the cost of
 * a provider outage: each report makes at most {@code maxAttempts} requests of at most
 * {@code requestTimeout} each, and after {@code failuresToOpen} failed requests in a row to one
 * API host, reports to that host fail at once, without a request, for {@code openDuration}.
 *
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param requestTimeout how long one request may take, from sending to the end of the answer
 * @param maxAttempts requests per report, the first included; at least 1
 * @param initialBackoff the wait before the first retry; each later one doubles, up to {@code maxBackoff}
 * @param maxBackoff the longest wait between two attempts, unless the provider asks for longer
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a provider asking for more gets
 *     no retry (the report is given up and counted), so one rate limit cannot hold a worker for an hour
 * @param failuresToOpen failed requests in a row (server errors, timeouts, network errors) to
 *     one API host that open its circuit
 * @param openDuration how long an open circuit fails fast before one request probes the host again
 * @param defaultTargetUrl the link for statuses that carry none, normally Driftless's own status
 *     page; Bitbucket Cloud requires a link on every status, so a Bitbucket reporter needs this
 * @param userAgent the {@code User-Agent} header; GitHub refuses requests without one
 */
public record StatusClientOptions(
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        int failuresToOpen,
        Duration openDuration,
        Optional<URI> defaultTargetUrl,
        String userAgent) {

    /** Validates every part. */
    public StatusClientOptions {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requireNotNegative(initialBackoff, "initialBackoff");
        requireNotNegative(maxBackoff, "maxBackoff");
        requireNotNegative(maxRetryAfter, "maxRetryAfter");
        requirePositive(openDuration, "openDuration");
        Objects.requireNonNull(defaultTargetUrl, "defaultTargetUrl");
        Objects.requireNonNull(userAgent, "userAgent");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (failuresToOpen < 1) {
            throw new IllegalArgumentException("failuresToOpen must be at least 1, got " + failuresToOpen);
        }
        if (userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be blank");
        }
        defaultTargetUrl.ifPresent(CommitStatus::requireWebUrl);
    }

    /**
     * Connect in 5 s, answer in 10 s; 3 attempts 1 s and 2 s apart; {@code Retry-After} honoured
     * up to 60 s; a host's circuit opens after 5 failures in a row, for 1 minute; no default link.
     */
    public static StatusClientOptions defaults() {
        return new StatusClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(10), 3, Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(60), 5, Duration.ofMinutes(1), Optional.empty(), "driftless");
    }

    /** A copy with other timeouts. */
    public StatusClientOptions withTimeouts(Duration connect, Duration request) {
        return new StatusClientOptions(connect, request, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter,
                failuresToOpen, openDuration, defaultTargetUrl, userAgent);
    }

    /** A copy with another retry policy. */
    public StatusClientOptions withRetries(int attempts, Duration initial, Duration max, Duration longestRetryAfter) {
        return new StatusClientOptions(connectTimeout, requestTimeout, attempts, initial, max, longestRetryAfter,
                failuresToOpen, openDuration, defaultTargetUrl, userAgent);
    }

    /** A copy with another circuit breaker policy. */
    public StatusClientOptions withCircuitBreaker(int failures, Duration open) {
        return new StatusClientOptions(connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff,
                maxRetryAfter, failures, open, defaultTargetUrl, userAgent);
    }

    /** A copy whose statuses without a link point to {@code url} (Driftless's status page). */
    public StatusClientOptions withDefaultTargetUrl(URI url) {
        return new StatusClientOptions(connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff,
                maxRetryAfter, failuresToOpen, openDuration, Optional.of(url), userAgent);
    }

    /** The wait before retry number {@code retry} (1 for the first): doubling, capped. */
    Duration backoff(int retry) {
        Duration wait = initialBackoff;
        for (int i = 1; i < retry && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void requireNotNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }
}
