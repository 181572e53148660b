package dev.driftless.manifests.compose;

import dev.driftless.manifests.SourcePosition;
import java.util.Objects;

/**
 * One way a service reaches past its container into the host it runs on, with where the Compose
 * file asks for it. Recorded while the file is read, because the rendered model no longer knows
 * positions, so that the repository's policies ({@code driftless.yaml}) can refuse it with the
 * file, line and column of the offending key.
 *
 * @param service the service that asks for it
 * @param kind what it asks for
 * @param hostPath for {@link Kind#BIND_MOUNT}, the absolute, normalised host path bound; else
 *     {@code ""}
 * @param field the dotted path of the field, such as {@code services.web.volumes[0]}
 * @param at where the field is written
 */
public record HostAccess(String service, Kind kind, String hostPath, String field,
    SourcePosition at) {

  /** What a service can ask of the host that a policy may deny. */
  public enum Kind {
    /** {@code privileged: true}. */
    PRIVILEGED,
    /** {@code network_mode: host}. */
    HOST_NETWORK,
    /** {@code pid: host}. */
    HOST_PID,
    /** {@code ipc: host}. */
    HOST_IPC,
    /** A bind mount of an absolute host path (volumes, or a secret's or config's file). */
    BIND_MOUNT
  }

  public HostAccess {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(hostPath, "hostPath");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(at, "at");
    if ((kind == Kind.BIND_MOUNT) != hostPath.startsWith("/")) {
      throw new IllegalArgumentException("a bind mount, and only a bind mount, has a host path");
    }
  }
}
