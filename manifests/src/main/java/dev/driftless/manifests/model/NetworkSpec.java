package dev.driftless.manifests.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A network as the top-level {@code networks:} declares it, or Compose's implicit
 * {@code default} network.
 *
 * @param key the name the Compose file uses for it
 * @param name the engine's name for it when set with {@code name:} (or, for an external network,
 *     its key); {@code ""} means Compose's {@code <project>_<key>}, see {@link #engineName}
 * @param external whether it exists outside the app: never created nor removed by Driftless
 * @param driver the driver, {@code ""} for the engine's default ({@code bridge})
 * @param driverOptions {@code driver_opts}, sorted
 * @param ipam the address management settings
 * @param internal whether it is cut off from the outside
 * @param attachable whether standalone containers may attach (Swarm overlays)
 * @param enableIpv6 whether IPv6 is on
 * @param labels the user's labels on the network, sorted
 */
public record NetworkSpec(
    String key, String name, boolean external, String driver, Map<String, String> driverOptions,
    Ipam ipam, boolean internal, boolean attachable, boolean enableIpv6,
    Map<String, String> labels) {

  /** Compose's implicit {@code default} network, with nothing set. */
  public static final NetworkSpec DEFAULT = new NetworkSpec("default", "", false, "", Map.of(),
      Ipam.NONE, false, false, false, Map.of());

  public NetworkSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(driver, "driver");
    driverOptions = Collections.unmodifiableSortedMap(new TreeMap<>(driverOptions));
    Objects.requireNonNull(ipam, "ipam");
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    if (key.isEmpty()) {
      throw new IllegalArgumentException("a network needs a key");
    }
    if (external && name.isEmpty()) {
      throw new IllegalArgumentException("an external network needs its engine name");
    }
  }

  /** The engine's name for it in app {@code app}: {@code name:}, else {@code <app>_<key>}. */
  public String engineName(String app) {
    return name.isEmpty() ? app + "_" + key : name;
  }

  /** Whether nothing is set beyond Compose's defaults for a network of this key. */
  public boolean isPlain() {
    return equals(new NetworkSpec(key, "", false, "", Map.of(), Ipam.NONE, false, false, false,
        Map.of()));
  }
}
