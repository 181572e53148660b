package dev.driftless.manifests.model;

import java.util.Objects;

/**
 * How a container is networked: joined to the app's networks (Compose's default), or one of
 * Compose's {@code network_mode} values.
 *
 * @param kind which mode
 * @param reference the service ({@link Kind#SERVICE}) or container ({@link Kind#CONTAINER})
 *     whose network stack is shared; {@code ""} for the other kinds
 */
public record NetworkMode(Kind kind, String reference) {

  /** The kinds of {@code network_mode}, plus {@link #NETWORKS} for "not set". */
  public enum Kind { NETWORKS, BRIDGE, HOST, NONE, SERVICE, CONTAINER }

  /** Joined to the networks of {@code networks:} (or the default network). */
  public static final NetworkMode NETWORKS = new NetworkMode(Kind.NETWORKS, "");

  public NetworkMode {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reference, "reference");
    boolean refers = kind == Kind.SERVICE || kind == Kind.CONTAINER;
    if (refers == reference.isEmpty()) {
      throw new IllegalArgumentException(kind + " " + (refers ? "needs" : "takes no") + " reference");
    }
  }

  /** As Compose writes it: {@code host}, {@code service:db}... */
  @Override
  public String toString() {
    String name = kind.name().toLowerCase(java.util.Locale.ROOT);
    return reference.isEmpty() ? name : name + ":" + reference;
  }
}
