package dev.driftless.providers.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Answers the daemon's scheduler when to poll each source next, and keeps each source's
 * {@link SourceStatus}: a {@link PollPolicy} with a clock and a random generator.
 *
 * <p>Both are injected, so tests move time and fix the draw instead of sleeping. The scheduler
 * calls {@link #first()} for a new source, then after each poll {@link #succeeded} or
 * {@link #failed} with the status it had, and starts the next poll at the returned status's
 * {@link SourceStatus#nextPollDue()}.
 *
 * <p>Sources of one repository ({@link SourceSpec#remote()}) are best polled together: when the
 * first of them is due, poll all of them with one {@link RemoteHeads.Round}, so that the
 * repository is listed once for all; the ones polled early cost nothing more.
 *
 * <p>Thread-safe.
 */
public final class PollSchedule {

    private final PollPolicy policy;
    private final Clock clock;
    private final RandomGenerator random;

    /**
     * @param policy the interval, jitter and backoff
     * @param clock the time of each poll's outcome
     * @param random the jitter's draws
     */
    public PollSchedule(PollPolicy policy, Clock clock, RandomGenerator random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The policy with the system's clock and a random generator of its own. */
    public static PollSchedule system(PollPolicy policy) {
        return new PollSchedule(policy, Clock.systemUTC(), RandomGenerator.getDefault());
    }

    /** The policy this schedule follows. */
    public PollPolicy policy() {
        return policy;
    }

    /** A source not polled yet: its first poll is due now. */
    public SourceStatus first() {
        return SourceStatus.neverPolled(clock.instant());
    }

    /** After a successful poll: the backoff ends, and the next poll is an interval (± jitter) away. */
    public SourceStatus succeeded(SourceStatus previous, Revision revision) {
        Objects.requireNonNull(previous, "previous");
        Instant now = clock.instant();
        return new SourceStatus(Optional.of(new SourceStatus.Success(now, revision)), previous.lastFailure(), 0,
                now.plus(policy.delay(0, draw())));
    }

    /** After a failed poll: the failure is recorded, and the next poll backs off. */
    public SourceStatus failed(SourceStatus previous, SourceException error) {
        Objects.requireNonNull(error, "error");
        return failed(previous, String.valueOf(error.getMessage()), error.transientFailure());
    }

    /** As {@link #failed(SourceStatus, SourceException)}, for a failure that is not a source's own. */
    public SourceStatus failed(SourceStatus previous, String message, boolean transientFailure) {
        Objects.requireNonNull(previous, "previous");
        Instant now = clock.instant();
        int failures = previous.consecutiveFailures() == Integer.MAX_VALUE ? Integer.MAX_VALUE
                : previous.consecutiveFailures() + 1;
        return new SourceStatus(previous.lastSuccess(),
                Optional.of(new SourceStatus.Failure(now, message, transientFailure)), failures,
                now.plus(policy.delay(failures, draw())));
    }

    /** How long until the source's next poll is due; zero when it is due already. */
    public Duration untilDue(SourceStatus status) {
        Instant now = clock.instant();
        return status.nextPollDue().isAfter(now) ? Duration.between(now, status.nextPollDue()) : Duration.ZERO;
    }

    private synchronized double draw() {
        return random.nextDouble();
    }
}
