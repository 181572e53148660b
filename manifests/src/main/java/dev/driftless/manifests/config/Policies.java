package dev.driftless.manifests.config;

import java.util.List;

/**
 * What the apps of a repository may do to the hosts they run on. Everything that can escape a
 * container is denied unless {@code driftless.yaml} allows it: anyone who can push to the
 * repository should not, by that alone, own the hosts.
 *
 * @param allowedBindMounts absolute host path prefixes that may be bind-mounted (a path is
 *     allowed when it is a prefix or lies below one); empty means no bind mount at all
 * @param allowPrivileged whether {@code privileged: true} is allowed
 * @param allowHostNetwork whether {@code network_mode: host} is allowed
 * @param allowHostPid whether {@code pid: host} is allowed
 * @param allowHostIpc whether {@code ipc: host} is allowed
 */
public record Policies(
    List<String> allowedBindMounts,
    boolean allowPrivileged,
    boolean allowHostNetwork,
    boolean allowHostPid,
    boolean allowHostIpc) {

  /** No bind mount, nothing privileged, no host namespace. */
  public static final Policies DENY_ALL = new Policies(List.of(), false, false, false, false);

  public Policies {
    allowedBindMounts = List.copyOf(allowedBindMounts);
    for (String prefix : allowedBindMounts) {
      if (!prefix.startsWith("/")) {
        throw new IllegalArgumentException("bind mount prefix '" + prefix + "' is not absolute");
      }
    }
  }

  /**
   * Whether {@code hostPath} (absolute, normalised) may be bind-mounted: it equals an allowed
   * prefix or lies below one ({@code /srv} allows {@code /srv/data}, not {@code /srvx}).
   */
  public boolean allowsBindMount(String hostPath) {
    if (hostPath.contains("/../") || hostPath.endsWith("/..")) {
      return false;
    }
    for (String prefix : allowedBindMounts) {
      String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
      if (hostPath.equals(base) || hostPath.startsWith(base + "/") || base.isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
