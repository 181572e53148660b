package dev.driftless.providers.source;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One commit of a source: everything Driftless renders, plans and records is for a revision.
 *
 * <p>It carries what a person needs to recognise the commit in a status page or a history
 * entry, and nothing of JGit, so the reconciler's core can hold it without depending on git.
 *
 * @param commitId the full, lower-case hexadecimal commit id
 * @param subject the first line of the commit message (empty when the message is)
 * @param author the author as git prints it, {@code Name <email>}
 * @param committedAt when the commit was made (the committer's time, which a rebase or a
 *     cherry-pick moves, unlike the author's)
 */
public record Revision(String commitId, String subject, String author, Instant committedAt) {

    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{40}");
    private static final int SHORT_ID_LENGTH = 12;

    /** Checks that the id is a full commit id and that the subject is one line. */
    public Revision {
        Objects.requireNonNull(commitId, "commitId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(committedAt, "committedAt");
        if (!isCommitId(commitId)) {
            throw new IllegalArgumentException("'" + commitId + "' is not a full lower-case commit id");
        }
        if (subject.indexOf('\n') >= 0 || subject.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a revision's subject is one line, got: " + subject);
        }
    }

    /** The first 12 characters of the commit id: unambiguous in practice, short enough to read. */
    public String shortId() {
        return commitId.substring(0, SHORT_ID_LENGTH);
    }

    static boolean isCommitId(String text) {
        return COMMIT_ID.matcher(text).matches();
    }
}
