package dev.driftless.reconciler.docker;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Every request to one engine passes here: a circuit breaker for the target (after repeated
 * transport failures the engine is left alone for a while and calls fail at once, so a dead
 * engine costs a reconcile milliseconds, not minutes) and, for idempotent requests only, a retry
 * with backoff when the failure is of the transport (connection refused or reset), never when the
 * engine answered. Time limits are the HTTP client's connect and response timeouts.
 */
public final class EngineCalls {

    private final CircuitBreaker breaker;
    private final Retry retry;

    EngineCalls(String target) {
        this.breaker = CircuitBreaker.of("docker " + target, CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .recordException(EngineCalls::isTransport)
                .build());
        this.retry = Retry.of("docker " + target, RetryConfig.custom()
                .maxAttempts(3)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(200), 2))
                .retryOnException(EngineCalls::isTransport)
                .build());
    }

    /** An idempotent request: retried on transport failures, through the target's breaker. */
    public <T> T call(Supplier<T> request) {
        return translate(() -> Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, request)).get());
    }

    /** A request that must not run twice (a create): through the breaker, never retried. */
    public <T> T once(Supplier<T> request) {
        return translate(CircuitBreaker.decorateSupplier(breaker, request));
    }

    /** Whether the breaker has cut the target off after repeated transport failures. */
    public boolean open() {
        return breaker.getState() == CircuitBreaker.State.OPEN;
    }

    private static <T> T translate(Supplier<T> request) {
        try {
            return request.get();
        } catch (CallNotPermittedException e) {
            throw new DockerEngineException("the engine failed repeatedly and is given a rest; "
                    + "the next reconcile tries again", e);
        }
    }

    /** Whether the engine was not reached at all (as opposed to it answering with an error). */
    static boolean isTransport(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
