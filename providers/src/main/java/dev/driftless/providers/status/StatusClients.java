package dev.driftless.providers.status;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the commit status clients, and holds what they share: one HTTP client, the timeouts, the
 * retry policy, the scheduler the waits between retries run on, and one circuit breaker per API
 * host ({@code api.github.com}, {@code gitlab.example.com:8443}), so that every source on a
 * failing host stops calling it together, and a failing host never slows reports to another.
 *
 * <p>Create one per daemon, a {@link #reporter} per source (each with that source's token), and
 * {@link #close} it at shutdown.
 *
 * <p>The HTTP client never follows redirects: a redirect would carry the token to wherever it
 * points. It speaks HTTP/1.1, which every provider and proxy takes; two small requests per
 * rollout gain nothing from HTTP/2.
 */
public final class StatusClients implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusClients.class);
    private static final AtomicInteger SCHEDULERS = new AtomicInteger();

    private final StatusClientOptions options;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final HttpClient http;
    private final Retry retry;
    private final CircuitBreakerConfig breakerConfig;
    private final ConcurrentMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private StatusClients(StatusClientOptions options, Clock clock, ScheduledExecutorService scheduler, boolean owns) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.ownsScheduler = owns;
        this.http = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.retry = Retry.of("driftless-commit-status", RetryConfig.<Attempt>custom()
                .maxAttempts(options.maxAttempts())
                .retryOnResult(Attempt::retryable)
                .retryOnException(error -> false)
                .intervalBiFunction((retryNumber, result) -> (result.isRight() ? result.get().retryAfter()
                        : Optional.<Duration>empty()).orElseGet(() -> options.backoff(retryNumber)).toMillis())
                .failAfterMaxAttempts(false)
                .build());
        this.breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindow(options.failuresToOpen(), options.failuresToOpen(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                .waitDurationInOpenState(options.openDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordResult(result -> result instanceof Attempt attempt && attempt.countsAgainstHost())
                .clock(clock)
                .build();
    }

    /** Clients with the system clock and their own scheduler thread, shut down by {@link #close}. */
    public static StatusClients create(StatusClientOptions options) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "driftless-status-retry-" + SCHEDULERS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return new StatusClients(options, Clock.systemUTC(), scheduler, true);
    }

    /**
     * Clients on an injected clock (it dates {@code Retry-After} and times the circuit breakers)
     * and scheduler (it runs the waits between retries). The caller owns the scheduler;
     * {@link #close} leaves it running.
     */
    public static StatusClients create(StatusClientOptions options, Clock clock, ScheduledExecutorService scheduler) {
        return new StatusClients(options, clock, scheduler, false);
    }

    /**
     * A reporter for one provider with one credential (normally: one per source).
     *
     * @throws IllegalArgumentException when the provider does not take this kind of credential,
     *     or for Bitbucket Cloud when no default target URL is configured (it requires a link)
     */
    public CommitStatusReporter reporter(Provider provider, Credential credential) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(credential, "credential");
        return new HttpStatusReporter(ProviderApi.of(provider, options), credential, this);
    }

    /** The options these clients were made with. */
    public StatusClientOptions options() {
        return options;
    }

    /** Whether reports to this API host are currently failing fast. */
    public boolean circuitOpen(String apiHost) {
        CircuitBreaker breaker = breakers.get(apiHost);
        return breaker != null && breaker.getState() == CircuitBreaker.State.OPEN;
    }

    /**
     * Makes every later report give up at once, and stops the retry scheduler when these clients
     * created it; reports still waiting for a retry give up too.
     */
    @Override
    public void close() {
        closed = true;
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }

    boolean closed() {
        return closed;
    }

    HttpClient http() {
        return http;
    }

    Retry retry() {
        return retry;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    Clock clock() {
        return clock;
    }

    /** The breaker of one API host, created closed on first use. */
    CircuitBreaker breaker(String apiHost) {
        return breakers.computeIfAbsent(apiHost, host -> {
            CircuitBreaker breaker = CircuitBreaker.of("commit-status@" + host, breakerConfig);
            breaker.getEventPublisher().onStateTransition(event -> {
                switch (event.getStateTransition().getToState()) {
                    case OPEN -> LOG.warn("commit status to {} paused for {} s after {} failed request(s) in a"
                            + " row; reports to it fail fast meanwhile", host, options.openDuration().toSeconds(),
                            options.failuresToOpen());
                    case CLOSED -> LOG.info("commit status to {} resumed", host);
                    default -> LOG.debug("commit status circuit of {}: {}", host, event.getStateTransition());
                }
            });
            return breaker;
        });
    }

    /**
     * The longest a report can take when everything is as slow as allowed: every attempt at its
     * deadline and every wait at its longest, plus a margin. Past it, a report is given up.
     */
    Duration longestReport() {
        Duration attempt = options.connectTimeout().plus(options.requestTimeout());
        Duration wait = options.maxBackoff().compareTo(options.maxRetryAfter()) > 0
                ? options.maxBackoff() : options.maxRetryAfter();
        return attempt.multipliedBy(options.maxAttempts())
                .plus(wait.multipliedBy(options.maxAttempts() - 1L))
                .plusSeconds(5);
    }
}
