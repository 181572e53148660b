package dev.driftless.providers.source;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a source is polled: an interval with jitter, and exponential backoff while fetches
 * fail. A pure function of the number of failures in a row and a random draw, so it is tested
 * without a clock or a random generator; {@link PollSchedule} adds those.
 *
 * <p>Jitter spreads the polls of many sources over time instead of sending them to the git host
 * all at once after a restart. Backoff keeps a broken remote, or a source that cannot work until
 * someone fixes its configuration, from being asked every minute for nothing; it is capped, so a
 * source that recovers is seen again within {@code maxBackoff}, and it ends at the first
 * success.
 *
 * @param interval the pause between polls while fetches succeed
 * @param jitter the largest share of the pause added or taken away at random, from 0 (none) to
 *     below 1: 0.1 makes a 60 s pause anything from 54 to 66 s
 * @param backoffFactor how much the pause grows with each failure in a row; at least 1
 * @param maxBackoff the longest pause before jitter, however many failures; at least the interval
 */
public record PollPolicy(Duration interval, double jitter, double backoffFactor, Duration maxBackoff) {

    /** The default interval: a minute, as Flux and Argo CD poll by default (Argo CD every 3). */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    /** The default jitter: ±10 % of the pause. */
    public static final double DEFAULT_JITTER = 0.1;
    /** The default backoff: the pause doubles with each failure in a row. */
    public static final double DEFAULT_BACKOFF_FACTOR = 2.0;
    /** The default cap on the pause while failing. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(15);

    /** Checks every bound documented on the components. */
    public PollPolicy {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive, got " + interval);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("the jitter is a share of the interval from 0 to below 1, got " + jitter);
        }
        if (!(backoffFactor >= 1) || Double.isInfinite(backoffFactor)) {
            throw new IllegalArgumentException("the backoff factor must be at least 1, got " + backoffFactor);
        }
        if (maxBackoff.compareTo(interval) < 0) {
            throw new IllegalArgumentException("the longest backoff (" + maxBackoff + ") cannot be shorter than the"
                    + " interval (" + interval + ")");
        }
    }

    /** Every 60 s ±10 %, doubling on failure up to 15 minutes. */
    public static PollPolicy defaults() {
        return every(DEFAULT_INTERVAL);
    }

    /** The defaults with another interval; the backoff cap grows to the interval if it is longer. */
    public static PollPolicy every(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        return new PollPolicy(interval, DEFAULT_JITTER, DEFAULT_BACKOFF_FACTOR,
                interval.compareTo(DEFAULT_MAX_BACKOFF) > 0 ? interval : DEFAULT_MAX_BACKOFF);
    }

    /**
     * The pause before the next poll: the interval after a success ({@code consecutiveFailures}
     * of 0), else the interval times {@code backoffFactor} to the power of the failures, at most
     * {@code maxBackoff}; then moved by up to ±{@code jitter} of itself.
     *
     * @param consecutiveFailures failed polls in a row, 0 after a success
     * @param random a number drawn uniformly from [0, 1): 0 gives the shortest pause, 0.5 the
     *     pause without jitter, values near 1 the longest
     */
    public Duration delay(int consecutiveFailures, double random) {
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("failures in a row cannot be negative, got " + consecutiveFailures);
        }
        if (!(random >= 0 && random < 1)) {
            throw new IllegalArgumentException("the random draw must be in [0, 1), got " + random);
        }
        double intervalMillis = interval.toMillis();
        // pow() may reach infinity for many failures; min() then yields the cap.
        double base = Math.min(maxBackoff.toMillis(), intervalMillis * Math.pow(backoffFactor, consecutiveFailures));
        double jittered = base * (1 + jitter * (2 * random - 1));
        return Duration.ofMillis(Math.max(1, Math.round(jittered)));
    }
}
