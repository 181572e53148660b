package dev.driftless.providers.webhook;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One comparable spelling per repository, so that a push names a source's repository whichever
 * of its URLs each side wrote down.
 *
 * <p>A payload gives a repository's URLs in several forms ({@code clone_url}, {@code ssh_url},
 * the web page) and a user configures a source with any of them. {@link #normalise} maps all of
 * these to the same key:
 * <pre>
 *   https://github.com/Org/Repo.git
 *   git@github.com:org/repo.git
 *   ssh://git@github.com:22/org/repo
 *   http://github.com/org/repo/          all become   github.com/org/repo
 * </pre>
 * The scheme and any user info (a user name, a token) are dropped, the host is lower-cased and
 * loses a trailing dot, a port is kept unless it is the scheme's default (80, 443, 22, 9418),
 * and the path loses a trailing {@code /} and one {@code .git} suffix.
 *
 * <p><b>Case.</b> For remote repositories the path is lower-cased too, on every host. GitHub,
 * GitLab, Bitbucket, Gitea, Forgejo and Gogs all resolve owner and repository names ignoring
 * case, so {@code Org/Repo} and {@code org/repo} are one repository there; a plain ssh git server
 * with two repositories differing only in case is the exception. The two possible mistakes are
 * not equal: a false match costs one reconcile that finds nothing to do (the reconcile re-reads
 * git), a false mismatch is a webhook that silently deploys nothing. Local repositories
 * ({@code file://} or an absolute path) keep their case, since file systems differ, become
 * {@code file:///path} without a trailing slash, and keep a {@code .git} suffix, which there names
 * a different directory.
 *
 * <p>The key is for comparing (and as a map key for routing); it is not a URL to show or to
 * clone from. Show the URL as configured.
 */
public final class RepoUrls {

    private static final Pattern SCHEME_URL = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://(.*)$", Pattern.DOTALL);
    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("http", 80, "https", 443, "ssh", 22, "git", 9418,
            "git+ssh", 22, "ssh+git", 22);

    private RepoUrls() {
    }

    /**
     * The comparison key of a repository URL, as described on the type.
     *
     * @throws IllegalArgumentException if the text is blank, has an unknown scheme, names no host
     *     or no path, or is a relative local path (whose meaning would depend on the working
     *     directory)
     */
    public static String normalise(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a repository URL is needed, got a blank one");
        }
        String text = url.strip();
        if (text.chars().anyMatch(Character::isWhitespace) && !text.regionMatches(true, 0, "file:", 0, 5)
                && !text.startsWith("/")) {
            throw new IllegalArgumentException("'" + Texts.shown(text) + "' is not a repository URL: it contains whitespace");
        }
        Matcher scheme = SCHEME_URL.matcher(text);
        if (scheme.matches()) {
            String name = scheme.group(1).toLowerCase(Locale.ROOT);
            if (name.equals("file")) {
                return localKey(fileUrlPath(text));
            }
            if (!DEFAULT_PORTS.containsKey(name)) {
                throw new IllegalArgumentException("'" + Texts.shown(text) + "' has a scheme ('" + Texts.shown(name)
                        + "') that is not a git transport");
            }
            return remoteKey(name, scheme.group(2), text);
        }
        if (text.startsWith("/")) {
            return localKey(text);
        }
        if (isScpLike(text)) {
            int colon = text.indexOf(':');
            String authority = text.substring(0, colon);
            return hostKey(authority, "ssh", text) + pathKey(text.substring(colon + 1), text);
        }
        throw new IllegalArgumentException("'" + Texts.shown(text)
                + "' is neither a URL (https://, ssh://, git://, file://), an scp-like host:path nor an absolute path");
    }

    /** {@link #normalise}, or empty for text that is not a repository URL; never throws. */
    public static Optional<String> tryNormalise(String url) {
        try {
            return Optional.of(normalise(url));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the two URLs name the same repository by the rules on the type. */
    public static boolean sameRepository(String a, String b) {
        Optional<String> left = tryNormalise(a);
        return left.isPresent() && left.equals(tryNormalise(b));
    }

    private static String remoteKey(String scheme, String rest, String original) {
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        int at = authority.lastIndexOf('@');
        String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
        // "ssh://git@host:org/repo" mixes the two ssh spellings; read the part after the colon
        // as the start of the path, as people who write it mean.
        int colon = hostPort.startsWith("[") ? hostPort.indexOf(':', Math.max(hostPort.indexOf(']'), 0)) : hostPort.indexOf(':');
        if (colon >= 0) {
            String port = hostPort.substring(colon + 1);
            if (!port.isEmpty() && !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return hostKey(hostPort.substring(0, colon), scheme, original) + pathKey(port + path, original);
            }
        }
        return hostKey(hostPort, scheme, original) + pathKey(path, original);
    }

    private static String hostKey(String authority, String scheme, String original) {
        int at = authority.lastIndexOf('@');
        String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
        String host = hostPort;
        String port = "";
        int colon = hostPort.startsWith("[") ? hostPort.indexOf(':', Math.max(hostPort.indexOf(']'), 0)) : hostPort.lastIndexOf(':');
        if (colon >= 0) {
            host = hostPort.substring(0, colon);
            port = hostPort.substring(colon + 1);
        }
        host = host.toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.contains("/") || host.contains("@")) {
            throw new IllegalArgumentException("'" + Texts.shown(original) + "' names no host");
        }
        if (port.isEmpty()) {
            return host;
        }
        if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + Texts.shown(original) + "' has an invalid port");
        }
        int number = Integer.parseInt(port);
        if (number < 1 || number > 65_535) {
            throw new IllegalArgumentException("'" + Texts.shown(original) + "' has a port outside 1-65535");
        }
        return number == DEFAULT_PORTS.getOrDefault(scheme, -1) ? host : host + ":" + number;
    }

    private static String pathKey(String rawPath, String original) {
        String path = rawPath;
        int cut = indexOfAny(path, '?', '#');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        path = path.replaceAll("/{2,}", "/");
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        path = stripTrailingSlashes(path);
        if (path.endsWith(".git")) {
            path = stripTrailingSlashes(path.substring(0, path.length() - ".git".length()));
        }
        if (path.isEmpty() || path.equals("/")) {
            throw new IllegalArgumentException("'" + Texts.shown(original) + "' names no repository path");
        }
        return path.toLowerCase(Locale.ROOT);
    }

    private static String fileUrlPath(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getPath() != null && uri.getAuthority() == null) {
                return uri.getPath();
            }
        } catch (IllegalArgumentException e) {
            // "file:///srv/my repo" is not a strict URI but is what people type; read it raw
        }
        String rest = url.substring("file:".length());
        while (rest.startsWith("//")) {
            rest = rest.substring(1);
        }
        return rest;
    }

    private static String localKey(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("'" + Texts.shown(path) + "' is not an absolute path");
        }
        String normal;
        try {
            normal = Path.of(path).normalize().toString().replace('\\', '/');
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + Texts.shown(path) + "' is not a valid path", e);
        }
        normal = stripTrailingSlashes(normal);
        return "file://" + (normal.isEmpty() ? "/" : normal);
    }

    /** Git's rule: {@code host:path} is ssh when a colon comes before any slash; one letter is a drive. */
    private static boolean isScpLike(String text) {
        int colon = text.indexOf(':');
        int slash = text.indexOf('/');
        if (colon <= 0 || (slash >= 0 && slash < colon)) {
            return false;
        }
        int at = text.lastIndexOf('@', colon);
        String host = text.substring(at >= 0 ? at + 1 : 0, colon);
        return host.length() > 1 && !text.contains("\\");
    }

    private static String stripTrailingSlashes(String path) {
        String out = path;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    private static int indexOfAny(String text, char a, char b) {
        int first = text.indexOf(a);
        int second = text.indexOf(b);
        if (first < 0) {
            return second;
        }
        return second < 0 ? first : Math.min(first, second);
    }
}
