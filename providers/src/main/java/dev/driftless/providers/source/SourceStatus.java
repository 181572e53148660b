package dev.driftless.providers.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the polling of one source stands: its last successful fetch, its last failed one, how
 * many failed in a row, and when the next poll is due.
 *
 * <p>It exists so that a poller that stopped is visible. A poller that silently stops is one of
 * the complaints users of other GitOps tools make; with the next poll's due time recorded, a
 * status page or a metric shows how long a source is {@link #overdue overdue}, and the last
 * failure says why fetching stopped working. Made by {@link PollSchedule}; a value, safe to
 * show: its messages come from {@link SourceException}s, which never hold a credential.
 *
 * @param lastSuccess the last fetch that succeeded, and the revision it found; empty before one
 * @param lastFailure the last fetch that failed; it stays after a later success, so a flapping
 *     source can be seen
 * @param consecutiveFailures failed fetches since the last success; 0 when the last succeeded
 * @param nextPollDue when the next poll should start
 */
public record SourceStatus(Optional<Success> lastSuccess, Optional<Failure> lastFailure, int consecutiveFailures,
        Instant nextPollDue) {

    /** Checks the parts. */
    public SourceStatus {
        Objects.requireNonNull(lastSuccess, "lastSuccess");
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(nextPollDue, "nextPollDue");
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("failures in a row cannot be negative, got " + consecutiveFailures);
        }
        if (consecutiveFailures > 0 && lastFailure.isEmpty()) {
            throw new IllegalArgumentException("failures in a row need a last failure");
        }
    }

    /** A source not polled yet, whose first poll is due at {@code due}. */
    public static SourceStatus neverPolled(Instant due) {
        return new SourceStatus(Optional.empty(), Optional.empty(), 0, due);
    }

    /**
     * Where the source stands, as a condition a status page can show.
     *
     * <ul>
     *   <li>{@code PENDING}: not fetched yet.
     *   <li>{@code READY}: the last fetch succeeded.
     *   <li>{@code RETRYING}: the last fetch failed for a reason that may pass (network, remote
     *       down); the last good revision keeps running.
     *   <li>{@code STALLED}: the last fetch failed for a reason that needs a person (refused
     *       credentials or host key, missing branch); polls continue, at the backoff's pace.
     * </ul>
     */
    public enum State { PENDING, READY, RETRYING, STALLED }

    /** The condition the source is in; see {@link State}. */
    public State state() {
        if (consecutiveFailures > 0) {
            return lastFailure.orElseThrow().transientFailure() ? State.RETRYING : State.STALLED;
        }
        return lastSuccess.isPresent() ? State.READY : State.PENDING;
    }

    /** Whether the next poll should have started by {@code now}. */
    public boolean isDue(Instant now) {
        return !now.isBefore(nextPollDue);
    }

    /**
     * How long past due the next poll is at {@code now}; zero when it is not due yet. A value
     * that keeps growing means the poller has stopped.
     */
    public Duration overdue(Instant now) {
        return now.isAfter(nextPollDue) ? Duration.between(nextPollDue, now) : Duration.ZERO;
    }

    /**
     * A fetch that succeeded.
     *
     * @param at when it finished
     * @param revision the revision it found
     */
    public record Success(Instant at, Revision revision) {

        /** Requires both parts. */
        public Success {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(revision, "revision");
        }
    }

    /**
     * A fetch that failed.
     *
     * @param at when it finished
     * @param message what went wrong, as {@link SourceException#getMessage()} says it
     * @param transientFailure whether trying again unchanged may succeed
     */
    public record Failure(Instant at, String message, boolean transientFailure) {

        /** Requires every part. */
        public Failure {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(message, "message");
        }
    }
}
