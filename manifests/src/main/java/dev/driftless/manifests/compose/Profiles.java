package dev.driftless.manifests.compose;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Compose profiles active for one app (as {@code docker compose --profile} activates them),
 * and the profiles its services are in, collected while they are read. A service in no profile
 * is always deployed; a service in profiles is deployed when one of them is active.
 */
final class Profiles {

  private final Set<String> active;
  private final Set<String> declared = new TreeSet<>();

  Profiles(Set<String> active) {
    this.active = Set.copyOf(active);
  }

  /** A service of the files is in {@code profiles}. */
  void declare(List<String> profiles) {
    declared.addAll(profiles);
  }

  /** Whether a service in {@code profiles} is deployed. */
  boolean isDeployed(List<String> profiles) {
    return profiles.isEmpty() || profiles.stream().anyMatch(active::contains);
  }

  /** Whether no profile is active. */
  boolean noneActive() {
    return active.isEmpty();
  }

  /** Every profile a service read so far is in. */
  Set<String> declared() {
    return Set.copyOf(declared);
  }
}
