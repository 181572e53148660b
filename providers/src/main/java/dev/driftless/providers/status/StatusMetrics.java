package dev.driftless.providers.status;

/**
 * What the {@link StatusPublisher} counts, for the daemon to turn into Micrometer counters
 * (e.g. {@code driftless_commit_status_reports_total{provider, outcome}}); this package knows
 * nothing of Micrometer. Every method has a no-op default, and one that throws is ignored, so a
 * metrics problem cannot stop a report.
 *
 * <p>Each report submitted ends in exactly one of: published, failed, dropped, circuit open, or
 * superseded (replaced in the queue by a newer status for the same commit and context).
 */
public interface StatusMetrics {

    /** Counts nothing. */
    StatusMetrics NONE = new StatusMetrics() {
    };

    /** The provider stored a status. */
    default void published(Provider provider) {
    }

    /** A report was given up: the provider refused it, or stayed unavailable through every retry. */
    default void failed(Provider provider) {
    }

    /** A report was not even queued: the queue was full, or the publisher closed. */
    default void dropped(Provider provider) {
    }

    /** A report was skipped without a request because the provider host's circuit is open. */
    default void circuitOpen(Provider provider) {
    }

    /** A queued report was replaced by a newer one for the same commit and context, before it was sent. */
    default void superseded(Provider provider) {
    }
}
