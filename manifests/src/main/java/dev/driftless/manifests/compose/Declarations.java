package dev.driftless.manifests.compose;

import dev.driftless.manifests.model.BindSource;
import dev.driftless.manifests.model.NetworkSpec;
import dev.driftless.manifests.model.VolumeSpec;
import java.util.Map;
import java.util.Set;

/**
 * What the top level of a Compose file declares for services to refer to: networks, volumes,
 * secrets and configs by key, and the service names (for {@code network_mode: service:NAME}).
 * Networks always include {@code default}, as in Compose.
 *
 * @param secrets each secret's {@code file:}, resolved
 * @param configs each config's {@code file:}, resolved
 */
record Declarations(
    Map<String, NetworkSpec> networks,
    Map<String, VolumeSpec> volumes,
    Map<String, BindSource> secrets,
    Map<String, BindSource> configs,
    Set<String> services) {

  Declarations {
    networks = Map.copyOf(networks);
    volumes = Map.copyOf(volumes);
    secrets = Map.copyOf(secrets);
    configs = Map.copyOf(configs);
    services = Set.copyOf(services);
  }
}
