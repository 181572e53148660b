package dev.driftless.manifests.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A Docker engine that apps deploy to.
 *
 * @param name the target's name
 * @param host the engine's endpoint: {@code unix:///path/to/docker.sock} or
 *     {@code tcp://host:port}
 * @param tls for {@code tcp}, the TLS material to reach the engine with; paths on the host that
 *     runs Driftless, never in the repository (a private key does not belong in git)
 */
public record TargetConfig(String name, URI host, Optional<TlsFiles> tls) {

  /** The name of the local engine's target, which exists even when not declared. */
  public static final String LOCAL = "local";

  /** The local engine's socket, where Driftless deploys when nothing else is said. */
  public static final URI LOCAL_SOCKET = URI.create("unix:///var/run/docker.sock");

  public TargetConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tls, "tls");
    if (!"unix".equals(host.getScheme()) && !"tcp".equals(host.getScheme())) {
      throw new IllegalArgumentException("target '" + name + "' must be unix:// or tcp://");
    }
    if (tls.isPresent() && !"tcp".equals(host.getScheme())) {
      throw new IllegalArgumentException("target '" + name + "': TLS needs a tcp:// host");
    }
  }

  /** The local engine, {@value #LOCAL}. */
  public static TargetConfig local() {
    return new TargetConfig(LOCAL, LOCAL_SOCKET, Optional.empty());
  }

  /** Whether this is the local engine Driftless drives today. */
  public boolean isLocalDefault() {
    return host.equals(LOCAL_SOCKET) && tls.isEmpty();
  }

  /**
   * The files that prove a TLS client to the engine and the engine to it, as
   * {@code docker --tlsverify --tlscacert --tlscert --tlskey} takes them.
   *
   * @param ca the certificate authority that signed the engine's certificate
   * @param cert the client certificate
   * @param key the client's private key
   */
  public record TlsFiles(String ca, String cert, String key) {

    public TlsFiles {
      Objects.requireNonNull(ca, "ca");
      Objects.requireNonNull(cert, "cert");
      Objects.requireNonNull(key, "key");
    }
  }
}
