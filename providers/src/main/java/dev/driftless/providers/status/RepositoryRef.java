package dev.driftless.providers.status;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which repository, on which provider's API, a commit status goes to: derived once from a
 * source's git URL, so that the reconciler never builds API paths by hand.
 *
 * <p>The repository is {@code namespace/name}: owner and repository on GitHub, Gitea and
 * Forgejo; the group path (subgroups included, {@code group/sub}) and project on GitLab;
 * workspace and repository slug on Bitbucket Cloud.
 *
 * <p>{@link #parse(String)} knows the public hosts (github.com, gitlab.com, bitbucket.org,
 * codeberg.org, gitea.com) and their API base URLs. A self-hosted server needs
 * {@link #parse(String, Provider, URI)}: its API base cannot be guessed from a git URL (the ssh
 * host is often not the web host, and a server may live under a sub-path or behind a proxy), so it
 * is configured, never inferred.
 *
 * @param provider which API this is
 * @param apiBase the API's base URL, without a trailing slash: {@code https://api.github.com},
 *     {@code https://github.example.com/api/v3}, {@code https://gitlab.com/api/v4},
 *     {@code https://codeberg.org/api/v1}, {@code https://api.bitbucket.org/2.0}
 * @param namespace the owner, group path or workspace
 * @param name the repository, project or slug, without {@code .git}
 */
public record RepositoryRef(Provider provider, URI apiBase, String namespace, String name) {

    private static final Map<String, Known> KNOWN_HOSTS = Map.of(
            "github.com", new Known(Provider.GITHUB, "https://api.github.com"),
            "ssh.github.com", new Known(Provider.GITHUB, "https://api.github.com"),
            "gitlab.com", new Known(Provider.GITLAB, "https://gitlab.com/api/v4"),
            "altssh.gitlab.com", new Known(Provider.GITLAB, "https://gitlab.com/api/v4"),
            "bitbucket.org", new Known(Provider.BITBUCKET, "https://api.bitbucket.org/2.0"),
            "altssh.bitbucket.org", new Known(Provider.BITBUCKET, "https://api.bitbucket.org/2.0"),
            "codeberg.org", new Known(Provider.FORGEJO, "https://codeberg.org/api/v1"),
            "gitea.com", new Known(Provider.GITEA, "https://gitea.com/api/v1"));

    private static final Pattern SCHEME_PREFIX = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");
    private static final Pattern SCHEME_URL =
            Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(?:[^/]*@)?(\\[[^\\]]+\\]|[^/:@]+)(?::\\d*)?(/.*)?$");
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^/]*@)?([^@/:]{2,}):(.*)$");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~+-]+");
    private static final List<String> NETWORK_SCHEMES = List.of("https", "http", "ssh", "git", "git+ssh", "ssh+git");

    /** Validates the parts and normalises the API base (no trailing slash). */
    public RepositoryRef {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        apiBase = normaliseApiBase(apiBase);
        List<String> owners = Arrays.asList(namespace.split("/", -1));
        if (owners.stream().anyMatch(s -> !isSegment(s)) || !isSegment(name)) {
            throw new IllegalArgumentException("'" + namespace + "/" + name + "' is not a repository path: each part"
                    + " must be letters, digits, '.', '_', '~', '+' or '-'");
        }
        if (owners.size() > 1 && provider != Provider.GITLAB) {
            throw new IllegalArgumentException(provider.displayName() + " repositories are <owner>/<name>; only"
                    + " GitLab has nested groups, got '" + namespace + "/" + name + "'");
        }
    }

    /**
     * The repository on a public host, from its git URL in any usual form:
     * {@code https://github.com/acme/fleet.git}, {@code ssh://git@github.com/acme/fleet.git},
     * {@code git@github.com:acme/fleet.git}, with or without {@code .git} and user info.
     *
     * @throws IllegalArgumentException when the URL is local, not a git URL, on a host that is not
     *     a known public one (use {@link #parse(String, Provider, URI)}), or its path does not
     *     name a repository; the message never shows a credential the URL carried
     */
    public static RepositoryRef parse(String gitUrl) {
        Location location = locate(gitUrl);
        Known known = KNOWN_HOSTS.get(location.host());
        if (known == null) {
            throw new IllegalArgumentException("cannot tell which provider serves " + location.shown()
                    + ": " + location.host() + " is not a public host Driftless knows (github.com, gitlab.com,"
                    + " bitbucket.org, codeberg.org, gitea.com); for a self-hosted server configure the provider and"
                    + " its API base URL, e.g. https://" + location.host() + "/api/v1 for Gitea or Forgejo,"
                    + " /api/v4 for GitLab, /api/v3 for GitHub Enterprise");
        }
        return fromPath(known.provider(), URI.create(known.apiBase()), location, "");
    }

    /**
     * The repository on an explicitly configured API: a self-hosted GitLab, Gitea, Forgejo or
     * GitHub Enterprise server, or a public host reached through another API URL.
     *
     * <p>When the git URL is an {@code http(s)} URL on the API's host and the API base sits under a
     * web root ({@code https://example.com/gitea/api/v1}), that root is removed from the path
     * ({@code https://example.com/gitea/acme/fleet.git} is {@code acme/fleet}).
     *
     * @throws IllegalArgumentException as {@link #parse(String)} does, or when the API base is not
     *     an absolute http(s) URL without credentials, query or fragment
     */
    public static RepositoryRef parse(String gitUrl, Provider provider, URI apiBase) {
        Objects.requireNonNull(provider, "provider");
        URI base = normaliseApiBase(Objects.requireNonNull(apiBase, "apiBase"));
        Location location = locate(gitUrl);
        String webRoot = "";
        String basePath = base.getPath() == null ? "" : base.getPath();
        String apiPath = provider.selfHostedApiPath();
        if (location.web() && location.host().equalsIgnoreCase(base.getHost())
                && !apiPath.isEmpty() && basePath.endsWith(apiPath)) {
            webRoot = basePath.substring(0, basePath.length() - apiPath.length());
        }
        return fromPath(provider, base, location, webRoot);
    }

    /** {@code namespace/name}, as the provider's web pages show it. */
    public String path() {
        return namespace + "/" + name;
    }

    /** The API's {@code host[:port]}: the unit the circuit breakers are kept by. */
    public String apiHost() {
        return apiBase.getRawAuthority();
    }

    /** A description safe to log, e.g. {@code GitHub acme/fleet (https://api.github.com)}. */
    @Override
    public String toString() {
        return provider.displayName() + " " + path() + " (" + apiBase + ")";
    }

    private static RepositoryRef fromPath(Provider provider, URI apiBase, Location location, String webRoot) {
        List<String> segments = new ArrayList<>(location.segments());
        List<String> root = Arrays.stream(webRoot.split("/")).filter(s -> !s.isEmpty()).toList();
        if (!root.isEmpty() && segments.size() > root.size() && segments.subList(0, root.size()).equals(root)) {
            segments.subList(0, root.size()).clear();
        }
        int wanted = provider == Provider.GITLAB ? -1 : 2;
        if (segments.size() < 2 || (wanted > 0 && segments.size() != wanted)) {
            String shape = switch (provider) {
                case GITLAB -> "<group>[/<subgroup>...]/<project>";
                case BITBUCKET -> "<workspace>/<repository>";
                default -> "<owner>/<repository>";
            };
            throw new IllegalArgumentException("the path of " + location.shown() + " does not name a "
                    + provider.displayName() + " repository: expected " + shape + ", got '"
                    + String.join("/", segments) + "'");
        }
        for (String segment : segments) {
            if (!isSegment(segment)) {
                throw new IllegalArgumentException("the path of " + location.shown() + " has an unusable part '"
                        + segment + "': each part must be letters, digits, '.', '_', '~', '+' or '-'");
            }
        }
        String name = segments.get(segments.size() - 1);
        String namespace = String.join("/", segments.subList(0, segments.size() - 1));
        return new RepositoryRef(provider, apiBase, namespace, name);
    }

    private static Location locate(String gitUrl) {
        Objects.requireNonNull(gitUrl, "gitUrl");
        String url = gitUrl.strip();
        String shown = redact(url);
        Matcher prefix = SCHEME_PREFIX.matcher(url);
        String host;
        String path;
        boolean web;
        if (prefix.find()) {
            String name = prefix.group(1).toLowerCase(Locale.ROOT);
            if (!NETWORK_SCHEMES.contains(name)) {
                throw new IllegalArgumentException(shown + " is not on a git server (scheme '" + name
                        + "'); commit status needs one of " + String.join(", ", NETWORK_SCHEMES));
            }
            Matcher scheme = SCHEME_URL.matcher(url);
            if (!scheme.matches()) {
                throw new IllegalArgumentException(shown + " names no host");
            }
            host = scheme.group(2);
            path = scheme.group(3) == null ? "" : scheme.group(3);
            web = name.startsWith("http");
        } else {
            Matcher scp = SCP_LIKE.matcher(url);
            if (!scp.matches() || url.contains("\\")) {
                throw new IllegalArgumentException(shown + " is a local path or not a git URL; commit status"
                        + " needs the repository's https or ssh URL");
            }
            host = scp.group(1);
            path = scp.group(2);
            web = false;
        }
        int query = indexOfAny(path, '?', '#');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        List<String> segments = new ArrayList<>(Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList());
        if (!segments.isEmpty()) {
            String last = segments.get(segments.size() - 1);
            if (last.endsWith(".git") && last.length() > ".git".length()) {
                segments.set(segments.size() - 1, last.substring(0, last.length() - ".git".length()));
            }
        }
        return new Location(host.toLowerCase(Locale.ROOT), segments, web, shown);
    }

    private static URI normaliseApiBase(URI apiBase) {
        String scheme = apiBase.getScheme() == null ? "" : apiBase.getScheme().toLowerCase(Locale.ROOT);
        if (!apiBase.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || apiBase.getHost() == null) {
            throw new IllegalArgumentException("an API base URL must be an absolute http(s) URL, got " + redact(apiBase.toString()));
        }
        if (apiBase.getRawUserInfo() != null) {
            throw new IllegalArgumentException("an API base URL must not carry credentials (configure a token instead): "
                    + redact(apiBase.toString()));
        }
        if (apiBase.getRawQuery() != null || apiBase.getRawFragment() != null) {
            throw new IllegalArgumentException("an API base URL must not have a query or fragment, got " + apiBase);
        }
        String text = apiBase.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("an API base URL is not valid: " + e.getMessage(), e);
        }
    }

    private static boolean isSegment(String segment) {
        return SEGMENT.matcher(segment).matches() && !segment.equals(".") && !segment.equals("..");
    }

    private static int indexOfAny(String text, char first, char second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    /**
     * The URL without its user info, so a token in {@code https://TOKEN@host/...} or a password in
     * {@code user:secret@host:path} is never shown.
     */
    static String redact(String url) {
        if (url.contains("://")) {
            return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/]*@", "$1");
        }
        return url.replaceFirst("^[^/]*@", "");
    }

    private record Known(Provider provider, String apiBase) {
    }

    private record Location(String host, List<String> segments, boolean web, String shown) {
    }
}
