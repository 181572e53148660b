package dev.driftless.providers.source;

import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** Turns JGit's commits into our {@link Revision}s, so that no JGit type leaves the package. */
final class Commits {

    private Commits() {
    }

    static Revision revision(RevCommit commit) {
        PersonIdent author = commit.getAuthorIdent();
        return new Revision(
                commit.name(),
                subject(commit.getFullMessage()),
                author.getName() + " <" + author.getEmailAddress() + ">",
                commit.getCommitterIdent().getWhenAsInstant());
    }

    /** The first line only: JGit's getShortMessage() joins the whole first paragraph. */
    static String subject(String message) {
        int end = 0;
        while (end < message.length() && message.charAt(end) != '\n' && message.charAt(end) != '\r') {
            end++;
        }
        return message.substring(0, end).stripTrailing();
    }
}
