package dev.driftless.providers.source;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;

/**
 * Which git repository and branch a source follows.
 *
 * <p>The URL is normalised once, here, so that everything downstream (cache directory names,
 * log lines, status pages) sees one spelling per repository: a plain local path, absolute or
 * relative, and a {@code file:} URL both become an absolute {@code file:///…} URI without a
 * trailing slash. Remote URLs ({@code https://}, {@code http://}, {@code ssh://}, {@code git://}
 * and scp-like {@code user@host:path}) are kept as written.
 *
 * <p>A URL may carry credentials in its user-info part ({@code https://TOKEN@host/…}). They are
 * never shown: {@link #toString()} and every error message use {@link #redactedUrl()}.
 *
 * @param url the repository, normalised as described above
 * @param branch the branch to follow, without {@code refs/heads/}
 */
public record SourceSpec(String url, String branch) {

    private static final Pattern SCHEME_URL = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://(.*)$");
    private static final Set<String> SCHEMES = Set.of("file", "http", "https", "ssh", "git");
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^@/]*)@");
    private static final String SECRET_PLACEHOLDER = "***";

    /** Validates both parts and normalises the URL; see the type's documentation. */
    public SourceSpec {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(branch, "branch");
        if (url.isBlank()) {
            throw new IllegalArgumentException("a source needs a repository URL, got a blank one");
        }
        if (branch.isBlank()) {
            throw new IllegalArgumentException("a source needs a branch, got a blank one");
        }
        branch = branch.strip();
        if (!Repository.isValidRefName("refs/heads/" + branch)) {
            throw new IllegalArgumentException("'" + branch + "' is not a valid git branch name");
        }
        url = normalise(url.strip());
        if (lastPathSegment(url).isEmpty()) {
            throw new IllegalArgumentException("the URL " + redact(url) + " names no repository");
        }
    }

    /**
     * The repository's name: the last segment of the URL's path without a {@code .git} suffix
     * ({@code git@github.com:acme/fleet.git} gives {@code fleet}). A repository held at the root
     * of the source is one app, and this is its name.
     */
    public String repoName() {
        return lastPathSegment(url);
    }

    /** The URL with any password or token replaced by {@code ***}; safe for logs and messages. */
    public String redactedUrl() {
        return redact(url);
    }

    /** The full name of the followed branch, {@code refs/heads/<branch>}. */
    public String branchRef() {
        return "refs/heads/" + branch;
    }

    /** A description safe to log: the redacted URL and the branch. */
    @Override
    public String toString() {
        return redactedUrl() + " (branch '" + branch + "')";
    }

    /**
     * The text with this URL's credential, if it has one, replaced by {@code ***}: for low-level
     * error messages that may quote the URL in their own spelling.
     */
    String redactSecrets(String text) {
        Matcher userInfo = USER_INFO.matcher(url);
        if (text == null || !userInfo.find()) {
            return text;
        }
        String info = userInfo.group(2);
        int colon = info.indexOf(':');
        String secret = colon >= 0 ? info.substring(colon + 1)
                : userInfo.group(1).startsWith("http") ? info : "";
        return secret.isEmpty() ? text : text.replace(secret, SECRET_PLACEHOLDER);
    }

    private static String normalise(String url) {
        Matcher scheme = SCHEME_URL.matcher(url);
        if (scheme.matches()) {
            String name = scheme.group(1).toLowerCase(Locale.ROOT);
            if (!SCHEMES.contains(name)) {
                throw new IllegalArgumentException("unsupported URL scheme '" + scheme.group(1)
                        + "' in " + redact(url) + "; use one of " + String.join(", ", sorted(SCHEMES))
                        + " or a local path");
            }
            return name.equals("file") ? fileUri(url) : url;
        }
        if (isScpLike(url)) {
            return url;
        }
        return localPath(url);
    }

    private static String fileUri(String url) {
        Path path;
        try {
            path = Path.of(URI.create(url));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            // "file:///srv/my repo" is not a valid URI but is what people type; read it as a path.
            String rest = url.substring("file://".length());
            if (!rest.startsWith("/")) {
                throw new IllegalArgumentException("the file URL " + url
                        + " must be absolute (file:///path), or be given as a plain path", e);
            }
            return localPath(rest);
        }
        return toUri(path);
    }

    private static String localPath(String path) {
        try {
            return toUri(Path.of(path));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + path + "' is neither a git URL nor a valid local path", e);
        }
    }

    private static String toUri(Path path) {
        String uri = path.toAbsolutePath().normalize().toUri().toString();
        // Path.toUri() appends '/' only when the directory exists at this moment; drop it so the
        // spelling does not depend on timing.
        while (uri.endsWith("/") && !uri.equals("file:///")) {
            uri = uri.substring(0, uri.length() - 1);
        }
        return uri;
    }

    /**
     * Git's own rule: {@code host:path} is ssh when a colon comes before any slash. A one-letter
     * "host" is a Windows drive ({@code C:\repo}), so it is a path.
     */
    private static boolean isScpLike(String url) {
        int colon = url.indexOf(':');
        int slash = url.indexOf('/');
        if (colon <= 0 || (slash >= 0 && slash < colon)) {
            return false;
        }
        int at = url.indexOf('@');
        String host = url.substring(at >= 0 && at < colon ? at + 1 : 0, colon);
        return host.length() > 1 && !url.contains("\\");
    }

    private static String lastPathSegment(String url) {
        String path = repositoryPath(url);
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        if (segments.isEmpty()) {
            return "";
        }
        String last = segments.get(segments.size() - 1);
        if (last.equals(".git") && segments.size() > 1) {
            last = segments.get(segments.size() - 2); // a working tree's .git folder: use its parent
        }
        return last.endsWith(".git") ? last.substring(0, last.length() - ".git".length()) : last;
    }

    private static String repositoryPath(String url) {
        Matcher scheme = SCHEME_URL.matcher(url);
        if (!scheme.matches()) {
            return url.substring(url.indexOf(':') + 1); // scp-like; local paths are file URIs by now
        }
        try {
            String path = URI.create(url).getPath();
            if (path != null) {
                return path;
            }
        } catch (IllegalArgumentException e) {
            // not a strict URI (a space, an unescaped character): fall back to the raw text
        }
        String rest = scheme.group(2);
        int slash = rest.indexOf('/');
        return slash < 0 ? "" : rest.substring(slash);
    }

    private static String redact(String url) {
        Matcher userInfo = USER_INFO.matcher(url);
        if (!userInfo.find()) {
            return url;
        }
        String prefix = userInfo.group(1);
        String info = userInfo.group(2);
        int colon = info.indexOf(':');
        String shown;
        if (colon >= 0) {
            shown = info.substring(0, colon) + ":" + SECRET_PLACEHOLDER;
        } else if (prefix.startsWith("http")) {
            shown = SECRET_PLACEHOLDER; // https://TOKEN@host: the lone user name is the token
        } else {
            shown = info; // ssh://git@host: a user name, not a secret
        }
        return prefix + shown + "@" + url.substring(userInfo.end());
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
