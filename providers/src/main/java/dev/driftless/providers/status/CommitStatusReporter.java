package dev.driftless.providers.status;

/**
 * Sends one commit status to one provider: the contract between the publisher and each
 * provider's client, small enough that a test can stand in for a provider with a lambda.
 *
 * <p>An implementation answers with a {@link ReportOutcome} for everything the provider or the
 * network can do (refusals, outages, timeouts, an open circuit) and does not throw for them: a
 * status report must never be able to fail a deploy. It may block for as long as its timeouts
 * and retries allow, so the reconciler calls it through {@link StatusPublisher}, never directly.
 *
 * <p>The reporters made by {@link StatusClients#reporter} are safe to share between threads.
 */
@FunctionalInterface
public interface CommitStatusReporter {

    /**
     * Reports {@code status} for a commit of {@code repository}.
     *
     * @throws IllegalArgumentException when {@code repository} belongs to another provider than
     *     this reporter's: a wiring mistake, not an outage
     */
    ReportOutcome report(RepositoryRef repository, CommitStatus status);
}
