package dev.driftless.providers.source;

/**
 * A failure to talk to a remote, already translated from JGit's and the network's exceptions by
 * {@link RemoteAccess#translate}, and not yet tied to a source. Never leaves this package: a
 * {@link GitSource} turns it into a {@link SourceException} naming itself, so that one failed
 * remote check shared by many sources ({@link RemoteHeads.Round}) reads right in each of them.
 */
final class RemoteError extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, which decides the message's form and whether retrying may help. */
    enum Kind {
        /** The URL names no repository, or one this identity may not see. */
        NO_REPOSITORY,
        /** The remote refused the credentials, or wanted some and the source has none. */
        AUTHENTICATION,
        /** The ssh host key is unknown, changed or revoked. */
        HOST_KEY,
        /** The source's own settings cannot be used: an unreadable token file, an unset variable. */
        CONFIGURATION,
        /** The URL's transport is not supported. */
        UNSUPPORTED,
        /** The network or the remote failed; the same request may succeed later. */
        NETWORK
    }

    private final Kind kind;

    RemoteError(Kind kind, String reason, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    /** Only network failures are worth retrying unchanged; the others need a person. */
    boolean transientFailure() {
        return kind == Kind.NETWORK;
    }

    /** The failure as the given source reports it: its description first, then the reason. */
    SourceException against(SourceSpec spec) {
        String message = switch (kind) {
            case NO_REPOSITORY -> "no git repository at " + spec + ": " + getMessage();
            case AUTHENTICATION -> "authentication failed for " + spec + ": " + getMessage();
            case UNSUPPORTED -> "cannot fetch " + spec + ": the URL is not supported: " + getMessage();
            case HOST_KEY, CONFIGURATION, NETWORK -> "cannot fetch " + spec + ": " + getMessage();
        };
        return new SourceException(message, transientFailure(), this);
    }
}
