package dev.driftless.manifests.model;

import java.util.Objects;
import java.util.Set;

/**
 * One container port published on the host, as Docker's port bindings express it. A Compose port
 * range becomes one binding per port, so that the planner compares ports one by one.
 *
 * @param hostIp the host address to listen on, without brackets for IPv6; {@code ""} means every
 *     interface
 * @param hostPort the host port, 1-65535, or 0 for an ephemeral port chosen by the engine
 * @param containerPort the port inside the container, 1-65535
 * @param protocol {@code tcp}, {@code udp} or {@code sctp}
 */
public record PortBinding(String hostIp, int hostPort, int containerPort, String protocol) {

  /** The protocols Docker can publish. */
  public static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");

  public PortBinding {
    Objects.requireNonNull(hostIp, "hostIp");
    Objects.requireNonNull(protocol, "protocol");
    if (hostIp.chars().anyMatch(c -> c == '[' || c == ']' || Character.isWhitespace(c))) {
      throw new IllegalArgumentException(
          "host IP '" + hostIp + "' must be a bare address or empty");
    }
    if (hostPort < 0 || hostPort > 65535) {
      throw new IllegalArgumentException("host port " + hostPort + " is out of range (0-65535)");
    }
    if (containerPort < 1 || containerPort > 65535) {
      throw new IllegalArgumentException(
          "container port " + containerPort + " is out of range (1-65535)");
    }
    if (!PROTOCOLS.contains(protocol)) {
      throw new IllegalArgumentException("protocol '" + protocol + "' is not tcp, udp or sctp");
    }
  }
}
