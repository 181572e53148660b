package dev.driftless.providers.status;

/**
 * The git hosting products Driftless reports commit status to. The set is closed: each one has
 * its own REST endpoint, states, authentication header and description limit, all kept in this
 * package.
 *
 * <p>Gitea and Forgejo share one API (Forgejo is a fork that kept it), but stay two values so
 * that logs, metrics and error messages name the product the user runs.
 */
public enum Provider {

    /** GitHub.com and GitHub Enterprise Server (REST API v3). */
    GITHUB("GitHub", 140, "/api/v3"),
    /** GitLab.com and self-managed GitLab (REST API v4). */
    GITLAB("GitLab", 255, "/api/v4"),
    /** Gitea (REST API v1). */
    GITEA("Gitea", 255, "/api/v1"),
    /** Forgejo, Codeberg included (Gitea-compatible REST API v1). */
    FORGEJO("Forgejo", 255, "/api/v1"),
    /** Bitbucket Cloud (REST API 2.0); Bitbucket Data Center has another API and is not covered. */
    BITBUCKET("Bitbucket Cloud", 255, "");

    private static final char ELLIPSIS = '\u2026';

    private final String displayName;
    private final int descriptionLimit;
    private final String selfHostedApiPath;

    Provider(String displayName, int descriptionLimit, String selfHostedApiPath) {
        this.displayName = displayName;
        this.descriptionLimit = descriptionLimit;
        this.selfHostedApiPath = selfHostedApiPath;
    }

    /** The product's name as its users write it, for messages. */
    public String displayName() {
        return displayName;
    }

    /**
     * The longest description, in characters, this provider accepts. GitHub answers 422
     * ("description is too long (maximum is 140 characters)") beyond 140. The others document
     * no limit; 255 keeps their status lines readable and clear of any column size.
     */
    public int descriptionLimit() {
        return descriptionLimit;
    }

    /**
     * Where the REST API lives under a self-hosted server's web root ({@code /api/v3} for GitHub
     * Enterprise, {@code /api/v4} for GitLab, {@code /api/v1} for Gitea and Forgejo); empty for
     * Bitbucket Cloud, which is not self-hosted. Used to recognise a web root in a git URL, such
     * as {@code https://example.com/gitea/owner/repo.git} with API base
     * {@code https://example.com/gitea/api/v1}.
     */
    String selfHostedApiPath() {
        return selfHostedApiPath;
    }

    /**
     * The description as this provider will take it: on one line (control characters become
     * spaces, runs of spaces one), and, when longer than {@link #descriptionLimit()}, cut and
     * ended with an ellipsis. A cut never splits a surrogate pair.
     */
    public String fit(String description) {
        String oneLine = description.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (oneLine.length() <= descriptionLimit) {
            return oneLine;
        }
        int end = descriptionLimit - 1;
        if (Character.isHighSurrogate(oneLine.charAt(end - 1))) {
            end--;
        }
        return oneLine.substring(0, end).stripTrailing() + ELLIPSIS;
    }
}
