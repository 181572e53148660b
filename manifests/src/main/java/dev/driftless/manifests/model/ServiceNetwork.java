package dev.driftless.manifests.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One network a service joins (an entry of the service's {@code networks:}).
 *
 * @param network the network, as declared at the top level (or Compose's implicit default)
 * @param aliases extra DNS names of the container on that network, sorted, without duplicates
 * @param ipv4Address the static IPv4 address, {@code ""} for one chosen by the engine
 * @param ipv6Address the static IPv6 address, {@code ""} for one chosen by the engine
 * @param priority Compose's {@code priority}: the highest is the one the container is created on
 */
public record ServiceNetwork(
    NetworkSpec network, List<String> aliases, String ipv4Address, String ipv6Address,
    int priority) {

  /** Highest priority first, then by key, as Compose connects them. */
  public static final Comparator<ServiceNetwork> ORDER =
      Comparator.comparingInt(ServiceNetwork::priority).reversed()
          .thenComparing(joined -> joined.network().key());

  public ServiceNetwork {
    Objects.requireNonNull(network, "network");
    aliases = aliases.stream().distinct().sorted().toList();
    Objects.requireNonNull(ipv4Address, "ipv4Address");
    Objects.requireNonNull(ipv6Address, "ipv6Address");
  }

  /** Joined with no alias, address or priority of its own. */
  public static ServiceNetwork plain(NetworkSpec network) {
    return new ServiceNetwork(network, List.of(), "", "", 0);
  }
}
