package dev.driftless.manifests.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A network's {@code ipam:} (IP address management).
 *
 * @param driver the IPAM driver, {@code ""} for the engine's default
 * @param config the address pools, in declaration order
 * @param options the driver's options, sorted
 */
public record Ipam(String driver, List<Pool> config, Map<String, String> options) {

  /** Nothing set. */
  public static final Ipam NONE = new Ipam("", List.of(), Map.of());

  public Ipam {
    Objects.requireNonNull(driver, "driver");
    config = List.copyOf(config);
    options = Collections.unmodifiableSortedMap(new TreeMap<>(options));
  }

  /**
   * One address pool.
   *
   * @param subnet the subnet in CIDR form, {@code ""} when unset
   * @param ipRange the range containers get addresses from, {@code ""} when unset
   * @param gateway the gateway address, {@code ""} when unset
   * @param auxAddresses addresses the driver must not hand out, by host name, sorted
   */
  public record Pool(String subnet, String ipRange, String gateway,
      Map<String, String> auxAddresses) {

    public Pool {
      Objects.requireNonNull(subnet, "subnet");
      Objects.requireNonNull(ipRange, "ipRange");
      Objects.requireNonNull(gateway, "gateway");
      auxAddresses = Collections.unmodifiableSortedMap(new TreeMap<>(auxAddresses));
    }
  }
}
