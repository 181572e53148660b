package dev.driftless.providers.source;

/**
 * The one exception a source throws: a fetch or a read that did not succeed.
 *
 * <p>Low-level errors (JGit's, the file system's, the network's) are translated into this once,
 * at the edge of this package, with the source's URL and branch in the message, so a caller
 * can report it as it is. The URL in the message is always redacted: a credential never
 * appears in it.
 *
 * <p>{@link #transientFailure()} tells the caller what to do next: retry later with backoff
 * (an unreachable host, a timeout, a disk error), or report the source as stalled until its
 * configuration or the remote changes (a missing branch, a repository that does not exist, an
 * unsupported URL). Either way the last good revision keeps running: a failed fetch never means
 * "the repository is now empty".
 */
public final class SourceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    /**
     * @param message what failed, naming the source (redacted URL and branch)
     * @param transientFailure whether trying again later, unchanged, may succeed
     * @param cause the low-level error, or {@code null}
     */
    public SourceException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /**
     * Whether retrying later, with nothing changed, may succeed: {@code true} for network and
     * I/O failures, {@code false} when the configuration or the remote must change first.
     */
    public boolean transientFailure() {
        return transientFailure;
    }
}
