package dev.driftless.providers.status;

import java.util.Objects;

/**
 * How Driftless proves to a provider that it may write commit statuses: a secret that stays in
 * this type. It is never part of a {@code toString}, a log line, an outcome or an exception
 * message; {@link #redact} removes it from any text that came back from the network.
 *
 * <p>Which header carries it depends on the provider (see each client):
 * <ul>
 *   <li>{@link #token}: the provider's own token scheme: GitHub {@code Authorization: Bearer},
 *       GitLab {@code PRIVATE-TOKEN}, Gitea and Forgejo {@code Authorization: token}, Bitbucket
 *       Cloud {@code Authorization: Bearer} (repository, project or workspace access tokens).
 *   <li>{@link #bearer}: an OAuth 2 access token, always {@code Authorization: Bearer} (GitLab
 *       OAuth tokens, Gitea and Forgejo OAuth tokens).
 *   <li>{@link #basic}: user name and password, {@code Authorization: Basic} (Bitbucket Cloud
 *       app passwords and API tokens, Gitea and Forgejo); GitHub and GitLab refuse it.
 * </ul>
 *
 * <p>The set is closed, and its implementations are package-private records, so the secret
 * cannot be read back from outside this package.
 */
public sealed interface Credential permits TokenCredential, BearerCredential, BasicCredential {

    /** What {@link #redact} puts in place of a secret. */
    String REDACTED = "***";

    /**
     * The provider's native token. Surrounding whitespace (a trailing newline from a token file)
     * is removed.
     *
     * @throws IllegalArgumentException when the token is blank or contains whitespace or control
     *     characters inside; the message does not show the token
     */
    static Credential token(String token) {
        return new TokenCredential(requireSecret(token, "token"));
    }

    /** An OAuth 2 access token, sent as {@code Authorization: Bearer}; checked as {@link #token}. */
    static Credential bearer(String accessToken) {
        return new BearerCredential(requireSecret(accessToken, "access token"));
    }

    /**
     * A user name and password (or app password, or API token), sent as HTTP Basic.
     *
     * @throws IllegalArgumentException when either is blank, the user name contains a colon, or
     *     either contains control characters; the message does not show the password
     */
    static Credential basic(String username, String password) {
        Objects.requireNonNull(username, "username");
        String user = username.strip();
        if (user.isEmpty() || user.indexOf(':') >= 0 || user.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a user name for HTTP Basic must be non-blank, without ':' or"
                    + " control characters");
        }
        return new BasicCredential(user, requireSecret(password, "password"));
    }

    /** The text with this credential's secret, in any form it is sent, replaced by {@value #REDACTED}. */
    String redact(String text);

    /** A description safe to log: the kind of credential, never the secret. */
    @Override
    String toString();

    private static String requireSecret(String secret, String what) {
        Objects.requireNonNull(secret, what);
        String stripped = secret.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " is blank");
        }
        if (stripped.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            // A header value with a line break would let the secret's file inject headers.
            throw new IllegalArgumentException("the " + what + " contains whitespace or control characters"
                    + " (not shown); check the file or variable it was read from");
        }
        return stripped;
    }
}
