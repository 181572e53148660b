package dev.driftless.reconciler.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a revision that failed to roll out may be tried again: after {@code initial}, doubling with
 * each failure of the same revision, at most {@code cap} (default 5 minutes), so that a transient
 * failure heals by itself while the last good containers keep running. A new revision, or a
 * success, starts afresh. Mutable and thread-safe: it is the reconciler's memory of failures.
 */
public final class RetryBackoff {

    private final Duration initial;
    private final Duration cap;
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    public RetryBackoff(Duration initial, Duration cap) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.cap = Objects.requireNonNull(cap, "cap");
        if (initial.isNegative() || cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry backoff: need 0 <= initial (" + initial + ") <= cap (" + cap + ")");
        }
    }

    public static RetryBackoff defaults() {
        return new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    /** The app's last failed revision, how often it failed, and when it may be tried again. */
    public record Failure(String revision, int attempts, Instant nextAttempt, String error) {
    }

    /** The pending failure of the app at {@code revision} that still holds it back at {@code now}. */
    public Optional<Failure> holding(String app, String revision, Instant now) {
        Failure failure = failures.get(app);
        if (failure == null || !failure.revision().equals(revision) || !now.isBefore(failure.nextAttempt())) {
            return Optional.empty();
        }
        return Optional.of(failure);
    }

    /** The app's last failure, whatever the revision: what the status shows. */
    public Optional<Failure> last(String app) {
        return Optional.ofNullable(failures.get(app));
    }

    public void failed(String app, String revision, Instant now, String error) {
        failures.compute(app, (key, previous) -> {
            int attempts = previous != null && previous.revision().equals(revision) ? previous.attempts() + 1 : 1;
            Duration wait = initial.multipliedBy(1L << Math.min(attempts - 1, 20));
            if (wait.compareTo(cap) > 0 || wait.isNegative()) {
                wait = cap;
            }
            return new Failure(revision, attempts, now.plus(wait), error);
        });
    }

    public void succeeded(String app) {
        failures.remove(app);
    }
}
