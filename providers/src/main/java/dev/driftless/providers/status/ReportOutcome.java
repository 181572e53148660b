package dev.driftless.providers.status;

/**
 * What came of one commit status report, as a value: a status report is a side note to a
 * rollout, so its failures are gathered and counted, never thrown into the deploy.
 *
 * <p>Like JGit's results, each failure says whether it is transient ({@link #transientFailure()}):
 * an outage or a rate limit passes by itself; a rejected token, a missing repository or a
 * validation error does not, until the configuration changes.
 *
 * <p>Every message is safe to log: it names the provider, the HTTP status and the provider's
 * own explanation, with the credential redacted.
 */
public sealed interface ReportOutcome {

    /** The provider the report was for. */
    Provider provider();

    /** One line for the log and the status page. */
    String message();

    /** Whether the provider accepted the status. */
    default boolean published() {
        return this instanceof Published;
    }

    /** Whether trying again later, with nothing changed, may succeed. */
    default boolean transientFailure() {
        return this instanceof Unavailable || this instanceof CircuitOpen;
    }

    /**
     * The provider stored the status.
     *
     * @param provider the provider
     * @param httpStatus its answer, 200 or 201
     * @param attempts how many requests it took, retries included
     */
    record Published(Provider provider, int httpStatus, int attempts) implements ReportOutcome {
        @Override
        public String message() {
            return provider.displayName() + " accepted the status (HTTP " + httpStatus + ")"
                    + (attempts > 1 ? " after " + attempts + " attempts" : "");
        }
    }

    /**
     * The provider refused the status for a reason that retrying will not change: bad or expired
     * token (401), missing permission (403), unknown repository or commit (404), validation
     * (422), a redirect to elsewhere, or a request Driftless could not make.
     *
     * @param provider the provider
     * @param httpStatus its answer, or 0 when no request was sent
     * @param reason the provider's explanation, redacted and cut short
     */
    record Rejected(Provider provider, int httpStatus, String reason) implements ReportOutcome {
        @Override
        public String message() {
            return provider.displayName() + " rejected the status"
                    + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "") + ": " + reason;
        }
    }

    /**
     * The provider could not be reached or did not answer well, after every retry: a server
     * error, a rate limit longer than Driftless waits, a timeout or a network failure.
     *
     * @param provider the provider
     * @param reason what the last attempt saw, redacted
     * @param attempts how many requests were made
     */
    record Unavailable(Provider provider, String reason, int attempts) implements ReportOutcome {
        @Override
        public String message() {
            return provider.displayName() + " is unavailable: " + reason
                    + " (" + attempts + (attempts == 1 ? " attempt)" : " attempts)");
        }
    }

    /**
     * No request was made: the provider's API host failed too often lately and its circuit
     * breaker is open, so this report failed fast instead of adding to the outage.
     *
     * @param provider the provider
     * @param apiHost the API host whose circuit is open
     */
    record CircuitOpen(Provider provider, String apiHost) implements ReportOutcome {
        @Override
        public String message() {
            return "commit status to " + apiHost + " (" + provider.displayName() + ") is paused after repeated"
                    + " failures; skipped without a request";
        }
    }
}
