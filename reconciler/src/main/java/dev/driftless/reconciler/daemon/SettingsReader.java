package dev.driftless.reconciler.daemon;

import dev.driftless.providers.source.Credentials;
import dev.driftless.providers.source.Secret;
import dev.driftless.providers.source.SourceRef;
import dev.driftless.providers.source.SourceSpec;
import dev.driftless.providers.status.Provider;
import dev.driftless.providers.status.RepositoryRef;
import dev.driftless.providers.webhook.WebhookProvider;
import io.micronaut.core.value.PropertyResolver;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Binds {@code driftless.*} into {@link DaemonSettings}, by hand rather than by annotation, so that
 * every mistake is reported with the exact key that holds it.
 *
 * <p>One source: {@code driftless.source.*} (what the {@code run} flags set). Several:
 * {@code driftless.sources.<name>.*}. Keys of a source: {@code url}, one of {@code branch} (default
 * main) / {@code tag} (a pattern such as {@code v*}) / {@code commit}, {@code path},
 * {@code poll-interval}, {@code username} with {@code token-file} or {@code token-env},
 * {@code ssh-key-file} with {@code known-hosts-file} and {@code accept-new-host-keys},
 * {@code webhook-secret-file} or {@code webhook-secret-env}. Daemon-wide webhook secrets:
 * {@code driftless.webhook.<provider>.secret-file|secret-env}.
 */
final class SettingsReader {

    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(60);

    private final PropertyResolver properties;

    SettingsReader(PropertyResolver properties) {
        this.properties = properties;
    }

    /** Where the HTTP server listens unless told otherwise: this machine only. */
    static final String DEFAULT_LISTEN_ADDRESS = "127.0.0.1";

    DaemonSettings read() {
        Duration defaultPoll = duration("driftless.poll-interval").orElse(DEFAULT_POLL_INTERVAL);
        List<SourceDefinition> sources = new ArrayList<>();
        if (properties.containsProperty("driftless.source.url")) {
            sources.add(source("driftless.source", Optional.empty(), defaultPoll));
        }
        for (String name : properties.getPropertyEntries("driftless.sources")) {
            sources.add(source("driftless.sources." + name, Optional.of(name), defaultPoll));
        }
        Map<WebhookProvider, Secret> webhookSecrets = new EnumMap<>(WebhookProvider.class);
        for (WebhookProvider provider : WebhookProvider.values()) {
            secret("driftless.webhook." + provider.id() + ".secret")
                    .ifPresent(secret -> webhookSecrets.put(provider, secret));
        }
        Optional<Secret> apiToken = secret("driftless.api.token");
        requireTokenOffLoopback(text("driftless.listen-address").orElse(DEFAULT_LISTEN_ADDRESS), apiToken);
        return new DaemonSettings(
                Path.of(text("driftless.data-dir").orElse("data")).toAbsolutePath().normalize(),
                URI.create(text("driftless.docker-host").orElse("unix:///var/run/docker.sock")),
                sources,
                webhookSecrets,
                properties.getProperty("driftless.webhook.max-body-bytes", Integer.class).orElse(1024 * 1024),
                apiToken);
    }

    /**
     * An API that other machines can reach must not be open: without a token its mutating calls
     * are refused anyway, but a daemon that listens for the world and has none is a mistake the
     * user should hear about before it runs, not find out from a 401.
     */
    static void requireTokenOffLoopback(String listenAddress, Optional<Secret> apiToken) {
        if (apiToken.isPresent() || isLoopback(listenAddress)) {
            return;
        }
        throw new IllegalArgumentException("the API listens on " + listenAddress + " (driftless.listen-address), "
                + "reachable from other machines, and no API token is configured: set driftless.api.token-file "
                + "(or DRIFTLESS_API_TOKEN_FILE), or listen on 127.0.0.1");
    }

    private static boolean isLoopback(String address) {
        if (address.equals("localhost")) {
            return true;
        }
        try {
            // Only literal addresses are judged, so no name is looked up: a name counts as open.
            return address.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")
                    && java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private SourceDefinition source(String prefix, Optional<String> name, Duration defaultPoll) {
        String url = text(prefix + ".url").orElseThrow(() -> new IllegalArgumentException(prefix + ".url is missing"));
        SourceSpec spec = new SourceSpec(url, ref(prefix), text(prefix + ".path").orElse(""), credentials(prefix));
        String id = name.or(() -> text(prefix + ".name")).orElse(spec.repoName())
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
        return new SourceDefinition(id, spec, duration(prefix + ".poll-interval").orElse(defaultPoll),
                secret(prefix + ".webhook-secret"), status(prefix, url));
    }

    /**
     * {@code status-token-file|env} switches commit statuses on; the provider and repository come
     * from the URL for the public hosts, else from {@code status-provider}, {@code status-api-url}
     * and {@code status-repository} ({@code owner/name}).
     */
    private Optional<SourceDefinition.StatusReporting> status(String prefix, String url) {
        Optional<Secret> token = secret(prefix + ".status-token");
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> provider = text(prefix + ".status-provider");
        Optional<String> apiUrl = text(prefix + ".status-api-url");
        Optional<String> repository = text(prefix + ".status-repository");
        RepositoryRef ref;
        if (provider.isEmpty() && apiUrl.isEmpty() && repository.isEmpty()) {
            ref = RepositoryRef.parse(url);
        } else {
            Provider kind = Provider.valueOf(provider.orElseThrow(() -> new IllegalArgumentException(
                    prefix + ".status-provider is needed with status-api-url or status-repository"))
                    .toUpperCase(Locale.ROOT));
            URI api = URI.create(apiUrl.orElseThrow(() -> new IllegalArgumentException(
                    prefix + ".status-api-url is needed with status-provider")));
            if (repository.isPresent()) {
                String path = repository.get();
                int slash = path.lastIndexOf('/');
                if (slash <= 0 || slash == path.length() - 1) {
                    throw new IllegalArgumentException(prefix + ".status-repository must be owner/name, was '"
                            + path + "'");
                }
                ref = new RepositoryRef(kind, api, path.substring(0, slash), path.substring(slash + 1));
            } else {
                ref = RepositoryRef.parse(url, kind, api);
            }
        }
        return Optional.of(new SourceDefinition.StatusReporting(ref, token.get()));
    }

    private SourceRef ref(String prefix) {
        Optional<String> branch = text(prefix + ".branch");
        Optional<String> tag = text(prefix + ".tag");
        Optional<String> commit = text(prefix + ".commit");
        long given = List.of(branch, tag, commit).stream().filter(Optional::isPresent).count();
        if (given > 1) {
            throw new IllegalArgumentException(prefix + ": give one of branch, tag or commit, not " + given);
        }
        if (tag.isPresent()) {
            return new SourceRef.TagPattern(tag.get());
        }
        if (commit.isPresent()) {
            return new SourceRef.Commit(commit.get());
        }
        return new SourceRef.Branch(branch.orElse("main"));
    }

    private Credentials credentials(String prefix) {
        Optional<Secret> token = secret(prefix + ".token");
        Optional<String> key = text(prefix + ".ssh-key-file");
        if (token.isPresent() && key.isPresent()) {
            throw new IllegalArgumentException(prefix + ": give a token or an ssh key, not both");
        }
        if (token.isPresent()) {
            return new Credentials.Token(text(prefix + ".username").orElse(Credentials.Token.DEFAULT_USERNAME),
                    token.get());
        }
        if (key.isPresent()) {
            Path knownHosts = Path.of(text(prefix + ".known-hosts-file").orElse(
                    Path.of(System.getProperty("user.home"), ".ssh", "known_hosts").toString()));
            return new Credentials.SshKey(Path.of(key.get()), knownHosts,
                    properties.getProperty(prefix + ".accept-new-host-keys", Boolean.class).orElse(false));
        }
        return Credentials.none();
    }

    /** {@code <key>-file} or {@code <key>-env}: where a secret lives, never the secret itself. */
    private Optional<Secret> secret(String key) {
        Optional<String> file = text(key + "-file");
        Optional<String> env = text(key + "-env");
        if (file.isPresent() && env.isPresent()) {
            throw new IllegalArgumentException(key + ": give -file or -env, not both");
        }
        return file.<Secret>map(path -> new Secret.FromFile(Path.of(path)))
                .or(() -> env.map(Secret.FromEnvironment::new));
    }

    private Optional<String> text(String key) {
        return properties.getProperty(key, String.class).map(String::trim).filter(value -> !value.isEmpty());
    }

    private Optional<Duration> duration(String key) {
        return properties.getProperty(key, Duration.class);
    }
}
