/**
 * Commit status: tells the git provider what Driftless did with a revision, so that the commit
 * page, the pull request and the branch list show "deploying", "deployed" or "failed" for each
 * app and environment (context {@code driftless/<app>/<environment>}).
 *
 * <p>The pieces, from the outside in:
 * <ul>
 *   <li>{@link dev.driftless.providers.status.StatusPublisher}: what the reconciler calls. It
 *       queues a report and returns at once; it never blocks a rollout and never throws, and a
 *       full queue drops reports (counted) instead of growing.
 *   <li>{@link dev.driftless.providers.status.CommitStatusReporter}: one provider's REST call,
 *       made by {@link dev.driftless.providers.status.StatusClients} with timeouts, retries
 *       (Resilience4j) and a circuit breaker per API host, and answering with a
 *       {@link dev.driftless.providers.status.ReportOutcome} value rather than an exception.
 *   <li>{@link dev.driftless.providers.status.RepositoryRef}: which repository on which API,
 *       derived once from a source's git URL.
 * </ul>
 *
 * <p>Everything here may touch the network. Tokens stay inside
 * {@link dev.driftless.providers.status.Credential}: no log line, outcome, exception message
 * or {@code toString} shows one.
 */
package dev.driftless.providers.status;
