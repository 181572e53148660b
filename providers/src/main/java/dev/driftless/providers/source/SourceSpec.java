package dev.driftless.providers.source;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which git repository a source follows, what in it ({@link SourceRef}: a branch, the newest
 * release tag, a pinned commit), from which folder, and with which credentials.
 *
 * <p>The URL is normalised once, here, so that everything downstream (cache directory names,
 * log lines, status pages) sees one spelling per repository: a plain local path, absolute or
 * relative, and a {@code file:} URL both become an absolute {@code file:///…} URI without a
 * trailing slash. Remote URLs ({@code https://}, {@code http://}, {@code ssh://}, {@code git://}
 * and scp-like {@code user@host:path}) are kept as written.
 *
 * <p>A URL must not carry a secret: {@code https://TOKEN@host/…} and
 * {@code https://user:password@host/…} are refused, because a URL is copied into configuration
 * files, logs and status pages; the token goes into a file or an environment variable named by
 * the {@link Credentials} instead. An ssh URL may name its user ({@code git@host:…}); that is
 * not a secret.
 *
 * <p>The sub-path narrows what the manifests see: with {@code apps/prod}, the tree of a
 * revision is rooted at that folder, as if the repository held only it.
 *
 * @param url the repository, normalised as described above
 * @param ref what the source follows in the repository
 * @param path the folder the manifests see as the root: {@code /}-separated, relative to the
 *     repository's root, without leading or trailing {@code /}; empty for the whole repository
 * @param credentials how to authenticate to the remote; must suit the URL's transport
 */
public record SourceSpec(String url, SourceRef ref, String path, Credentials credentials) {

    private static final Pattern SCHEME_URL = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://(.*)$");
    private static final Set<String> SCHEMES = Set.of("file", "http", "https", "ssh", "git");
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^@/]*)@");
    private static final String SECRET_PLACEHOLDER = "***";

    /** Validates every part, normalises the URL and the path; see the type's documentation. */
    public SourceSpec {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(credentials, "credentials");
        if (url.isBlank()) {
            throw new IllegalArgumentException("a source needs a repository URL, got a blank one");
        }
        url = normalise(url.strip());
        if (lastPathSegment(url).isEmpty()) {
            throw new IllegalArgumentException("the URL " + redact(url) + " names no repository");
        }
        refuseSecretsIn(url);
        checkTransport(url, credentials);
        path = normalisePath(path);
    }

    /** Follows a branch of the whole repository, without credentials: the common case. */
    public SourceSpec(String url, String branch) {
        this(url, new SourceRef.Branch(Objects.requireNonNull(branch, "branch")), "", Credentials.none());
    }

    /** Follows {@code ref} in the whole repository, without credentials. */
    public SourceSpec(String url, SourceRef ref) {
        this(url, ref, "", Credentials.none());
    }

    /** A copy following {@code ref} instead. */
    public SourceSpec withRef(SourceRef ref) {
        return new SourceSpec(url, ref, path, credentials);
    }

    /** A copy whose trees are rooted at {@code path} instead. */
    public SourceSpec withPath(String path) {
        return new SourceSpec(url, ref, path, credentials);
    }

    /** A copy that authenticates with {@code credentials} instead. */
    public SourceSpec withCredentials(Credentials credentials) {
        return new SourceSpec(url, ref, path, credentials);
    }

    /**
     * The followed branch's name, for callers written when every source followed a branch.
     *
     * @throws IllegalStateException when the source follows a tag pattern or a pinned commit;
     *     use {@link #ref()}, whose {@code toString()} describes any of the three
     */
    public String branch() {
        if (ref instanceof SourceRef.Branch branch) {
            return branch.name();
        }
        throw new IllegalStateException(this + " follows no branch");
    }

    /** The remote this source reads, and as whom: the unit of one remote check per poll round. */
    public RemoteKey remote() {
        return new RemoteKey(url, credentials);
    }

    /**
     * The repository's name: the last segment of the URL's path without a {@code .git} suffix
     * ({@code git@github.com:acme/fleet.git} gives {@code fleet}).
     */
    public String repoName() {
        return lastPathSegment(url);
    }

    /**
     * The name of the folder the manifests see as the root: the sub-path's last segment, or the
     * repository's name when the source is the whole repository. A Compose file at the root of
     * the source is one app, and this is its name.
     */
    public String rootName() {
        return path.isEmpty() ? repoName() : path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * A directory name for this source's cache, stable across restarts and distinct for any
     * other URL or ref: the repository's name and a digest of the URL and the ref. The path and
     * the credentials do not take part: they change what is read, not what is fetched.
     */
    public String cacheName() {
        String readable = repoName().replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((url + "\n" + ref).getBytes(StandardCharsets.UTF_8));
            return readable + "-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The URL, safe for logs and messages. A URL carrying a secret is refused in the first place;
     * this spelling also hides any user-info of an http(s) URL as {@code ***}, so that a message
     * about a refused URL shows no token either.
     */
    public String redactedUrl() {
        return redact(url);
    }

    /** A description safe to log: the URL, the ref and the sub-path; never a credential. */
    @Override
    public String toString() {
        return redactedUrl() + " (" + ref + (path.isEmpty() ? "" : ", folder '" + path + "'") + ")";
    }

    private static boolean isSsh(String url) {
        Matcher scheme = SCHEME_URL.matcher(url);
        return scheme.matches() ? scheme.group(1).equalsIgnoreCase("ssh") : isScpLike(url);
    }

    private static boolean isHttp(String url) {
        Matcher scheme = SCHEME_URL.matcher(url);
        return scheme.matches() && scheme.group(1).toLowerCase(Locale.ROOT).startsWith("http");
    }

    private static void refuseSecretsIn(String url) {
        Matcher userInfo = USER_INFO.matcher(url);
        if (!userInfo.find()) {
            return;
        }
        boolean password = userInfo.group(2).indexOf(':') >= 0;
        if (password || userInfo.group(1).toLowerCase(Locale.ROOT).startsWith("http")) {
            throw new IllegalArgumentException("the URL " + redact(url) + " carries credentials; keep them out of"
                    + " the URL and give the source a token file or a token environment variable instead"
                    + " (the user name goes with the token)");
        }
    }

    private static void checkTransport(String url, Credentials credentials) {
        if (credentials instanceof Credentials.Token && !isHttp(url)) {
            throw new IllegalArgumentException("a token authenticates over https only, but " + redact(url)
                    + " is not an https URL; use an ssh key for ssh, and nothing for local repositories");
        }
        if (credentials instanceof Credentials.SshKey && !isSsh(url)) {
            throw new IllegalArgumentException("an ssh key authenticates over ssh only, but " + redact(url)
                    + " is not an ssh URL; use a token for https");
        }
    }

    private static String normalisePath(String path) {
        String trimmed = path.strip();
        if (trimmed.indexOf('\\') >= 0 || trimmed.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the folder '" + path + "' must use '/' between its parts");
        }
        List<String> segments = Arrays.stream(trimmed.split("/")).filter(s -> !s.isEmpty()).toList();
        for (String segment : segments) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("the folder '" + path + "' must name a folder inside the"
                        + " repository, without '.' or '..'");
            }
        }
        return String.join("/", segments);
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
        } else if (prefix.toLowerCase(Locale.ROOT).startsWith("http")) {
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
