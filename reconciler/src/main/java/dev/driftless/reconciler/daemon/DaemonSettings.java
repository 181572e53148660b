package dev.driftless.reconciler.daemon;

import dev.driftless.providers.source.Secret;
import dev.driftless.providers.webhook.WebhookProvider;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The daemon's settings, gathered by {@link SettingsReader} from the {@code --config} file, the
 * command line and {@code DRIFTLESS_…} environment variables.
 *
 * @param dataDir where the store and the git caches live
 * @param dockerHost the target engine
 * @param sources what the daemon follows; at least one
 * @param webhookSecrets per provider, the secret of every source without one of its own
 * @param maxWebhookBytes the largest webhook body accepted
 * @param apiToken the bearer token the API's mutating calls require; without one they are refused
 */
public record DaemonSettings(Path dataDir, URI dockerHost, List<SourceDefinition> sources,
        Map<WebhookProvider, Secret> webhookSecrets, int maxWebhookBytes, Optional<Secret> apiToken) {

    public DaemonSettings {
        Objects.requireNonNull(dataDir, "driftless.data-dir");
        Objects.requireNonNull(dockerHost, "driftless.docker-host");
        sources = List.copyOf(sources);
        webhookSecrets = Map.copyOf(webhookSecrets);
        Objects.requireNonNull(apiToken, "apiToken");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no source to follow: set driftless.source.url or driftless.sources");
        }
        Set<String> ids = new HashSet<>();
        for (SourceDefinition source : sources) {
            if (!ids.add(source.id())) {
                throw new IllegalArgumentException("two sources are named '" + source.id()
                        + "'; give one a name (driftless.sources.<name>)");
            }
        }
        if (maxWebhookBytes < 1024) {
            throw new IllegalArgumentException("driftless.webhook.max-body-bytes must be at least 1024, was "
                    + maxWebhookBytes);
        }
    }
}
