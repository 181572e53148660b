package dev.driftless.providers.status;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What Driftless says about one commit for one app in one environment: the value a provider
 * shows next to the commit, in pull requests and in branch protection.
 *
 * <p>The context ({@code driftless/<app>/<environment>}, see {@link #contextFor}) is what makes
 * a later status replace an earlier one: "pending" when a rollout starts is overwritten by
 * "success" or "failure" when it ends, and the apps and environments of one commit never
 * overwrite each other.
 *
 * <p><strong>The description is published as it is.</strong> It is shown to everyone who can
 * read the repository, and on public repositories to the world. The caller must never put a
 * secret, a decrypted value, an environment variable or a raw error from Docker into it: say
 * what happened ("3 of 3 services healthy", "health check of web failed"), not what was seen.
 * Each provider's client cuts it to that provider's limit ({@link Provider#fit}).
 *
 * @param commitSha the full commit id: 40 hexadecimal digits (SHA-1), or 64 for SHA-256
 *     repositories; stored in lower case
 * @param state the outcome so far
 * @param context which app and environment this is about, normally from {@link #contextFor}
 * @param description a short sentence for people, possibly empty; see above
 * @param targetUrl where to read more (Driftless's status page for the app), when there is one
 */
public record CommitStatus(
        String commitSha, State state, String context, String description, Optional<URI> targetUrl) {

    /** The prefix of every context Driftless writes, so its statuses are recognisable. */
    public static final String CONTEXT_PREFIX = "driftless/";

    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final int CONTEXT_LIMIT = 255;

    /**
     * The four outcomes every provider can show. Each client maps them to its own words
     * (GitLab's {@code running}, Bitbucket's {@code INPROGRESS}, ...).
     */
    public enum State {
        /** A rollout of this commit has started and has not finished. */
        PENDING,
        /** The rollout finished and the app is healthy at this commit. */
        SUCCESS,
        /** The rollout ran and failed (a health check, a container that would not start); it was rolled back. */
        FAILURE,
        /** Driftless could not try: the manifests did not render, a target was unreachable. */
        ERROR
    }

    /** Validates every part; see the type's documentation. */
    public CommitStatus {
        Objects.requireNonNull(commitSha, "commitSha");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(targetUrl, "targetUrl");
        commitSha = commitSha.strip().toLowerCase(Locale.ROOT);
        if (!SHA.matcher(commitSha).matches()) {
            throw new IllegalArgumentException("a commit status needs the full commit id (40 or 64 hexadecimal"
                    + " digits), got '" + commitSha + "'");
        }
        if (context.isBlank() || context.length() > CONTEXT_LIMIT || context.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a status context must be 1 to " + CONTEXT_LIMIT
                    + " printable characters, got '" + context + "'");
        }
        targetUrl.ifPresent(CommitStatus::requireWebUrl);
    }

    /**
     * The context for an app in an environment: {@code driftless/<app>/<environment>}.
     *
     * @throws IllegalArgumentException when either name is not a plain name (letters, digits,
     *     {@code .}, {@code _} and {@code -}, starting with a letter or digit), since a slash
     *     would make two different pairs give the same context
     */
    public static String contextFor(String app, String environment) {
        return CONTEXT_PREFIX + requireName(app, "app") + "/" + requireName(environment, "environment");
    }

    /** A rollout of {@code app} to {@code environment} has started at this commit. */
    public static CommitStatus pending(String commitSha, String app, String environment, String description) {
        return new CommitStatus(commitSha, State.PENDING, contextFor(app, environment), description, Optional.empty());
    }

    /** The rollout finished and the app is healthy at this commit. */
    public static CommitStatus success(String commitSha, String app, String environment, String description) {
        return new CommitStatus(commitSha, State.SUCCESS, contextFor(app, environment), description, Optional.empty());
    }

    /** The rollout failed and was rolled back. */
    public static CommitStatus failure(String commitSha, String app, String environment, String description) {
        return new CommitStatus(commitSha, State.FAILURE, contextFor(app, environment), description, Optional.empty());
    }

    /** Driftless could not roll this commit out at all. */
    public static CommitStatus error(String commitSha, String app, String environment, String description) {
        return new CommitStatus(commitSha, State.ERROR, contextFor(app, environment), description, Optional.empty());
    }

    /** A copy that links to {@code url}, an absolute {@code http} or {@code https} URL. */
    public CommitStatus withTargetUrl(URI url) {
        return new CommitStatus(commitSha, state, context, description, Optional.of(url));
    }

    /** A copy with another description; the same rule applies: never a secret. */
    public CommitStatus withDescription(String newDescription) {
        return new CommitStatus(commitSha, state, context, newDescription, targetUrl);
    }

    /** The first 12 digits of the commit id, for log lines. */
    public String shortSha() {
        return commitSha.substring(0, 12);
    }

    private static String requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an " + what + " name in a status context must be letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit; got '" + name + "'");
        }
        return name;
    }

    /** Refuses anything but an absolute http(s) URL without credentials: a status link is public. */
    static void requireWebUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("a status link must be an absolute http(s) URL, got " + url);
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("a status link is public and must not carry credentials");
        }
    }
}
