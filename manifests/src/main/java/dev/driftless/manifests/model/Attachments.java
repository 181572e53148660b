package dev.driftless.manifests.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a service's containers are attached to: the networks it joins (with aliases and static
 * addresses) or the network mode it uses instead, and the volumes, bind mounts and tmpfs it
 * mounts.
 *
 * <p>{@link #NONE} is Compose's default: the app's default network only and no mounts. It is not
 * part of the spec hash, so services that attach nothing keep their earlier hash.
 *
 * @param networkMode how the container is networked; {@link NetworkMode#NETWORKS} unless the
 *     service sets {@code network_mode}
 * @param networks the networks joined, by priority (highest first) then key; empty unless the
 *     mode is {@link NetworkMode#NETWORKS}
 * @param mounts the volumes, bind mounts and tmpfs mounts (from {@code volumes}, {@code secrets}
 *     and {@code configs}), sorted by target; targets unique
 * @param tmpfs the {@code tmpfs:} key: target to mount options ({@code ""} for none), sorted
 */
public record Attachments(
    NetworkMode networkMode,
    List<ServiceNetwork> networks,
    List<Mount> mounts,
    Map<String, String> tmpfs) {

  /** The app's default network, no mounts. */
  public static final Attachments NONE = new Attachments(NetworkMode.NETWORKS,
      List.of(ServiceNetwork.plain(NetworkSpec.DEFAULT)), List.of(), Map.of());

  public Attachments {
    Objects.requireNonNull(networkMode, "networkMode");
    networks = networks.stream().sorted(ServiceNetwork.ORDER).toList();
    mounts = mounts.stream().sorted(java.util.Comparator.comparing(Mount::target)).toList();
    tmpfs = Collections.unmodifiableSortedMap(new TreeMap<>(tmpfs));
    if (networkMode.kind() != NetworkMode.Kind.NETWORKS && !networks.isEmpty()) {
      throw new IllegalArgumentException("network_mode " + networkMode + " cannot join networks");
    }
    if (networkMode.kind() == NetworkMode.Kind.NETWORKS && networks.isEmpty()) {
      throw new IllegalArgumentException("a container networked by networks needs at least one");
    }
    for (int i = 1; i < mounts.size(); i++) {
      if (mounts.get(i).target().equals(mounts.get(i - 1).target())) {
        throw new IllegalArgumentException("two mounts at " + mounts.get(i).target());
      }
    }
  }

  /** Whether this is Compose's default, which the spec hash leaves out. */
  public boolean isDefault() {
    return equals(NONE);
  }

  /** The bind mounts whose source is a path on the host, for policy checks. */
  public List<Mount.Bind> hostBinds() {
    return mounts.stream()
        .filter(Mount.Bind.class::isInstance)
        .map(Mount.Bind.class::cast)
        .filter(bind -> bind.source() instanceof BindSource.HostPath)
        .toList();
  }
}
