package dev.driftless.manifests.model;

import java.util.Objects;
import java.util.Set;

/**
 * One mount of a service's containers: a named or anonymous volume, a bind mount, or a tmpfs.
 * A closed set, so the engine mapping, the hash and the policy checks handle every kind.
 */
public sealed interface Mount {

  /** The absolute path inside the container. */
  String target();

  /** The bind propagation modes Docker knows. */
  Set<String> PROPAGATIONS = Set.of("shared", "rshared", "slave", "rslave", "private", "rprivate");

  /**
   * A volume: a named one declared at the top level, or an anonymous one made for the container.
   *
   * @param volume the declared volume, or {@code null} for an anonymous volume
   * @param readOnly mounted read-only
   * @param noCopy {@code volume.nocopy} (or the {@code nocopy} mode): do not copy the image's
   *     files at the target into a new volume
   */
  record Volume(VolumeSpec volume, String target, boolean readOnly, boolean noCopy)
      implements Mount {

    public Volume {
      checkTarget(target);
    }

    /** Whether the engine makes a fresh volume for each container. */
    public boolean anonymous() {
      return volume == null;
    }
  }

  /**
   * A bind mount of a host path or of files from the repository.
   *
   * @param source what is bound: a host path, or repo files Driftless materialises on the host
   * @param readOnly mounted read-only
   * @param propagation the bind propagation, {@code ""} for the engine's default
   * @param createHostPath create a missing host path as a folder (the short syntax always does)
   * @param selinux {@code z} (shared label), {@code Z} (private label), or {@code ""}
   */
  record Bind(BindSource source, String target, boolean readOnly, String propagation,
      boolean createHostPath, String selinux) implements Mount {

    public Bind {
      Objects.requireNonNull(source, "source");
      checkTarget(target);
      Objects.requireNonNull(propagation, "propagation");
      if (!propagation.isEmpty() && !PROPAGATIONS.contains(propagation)) {
        throw new IllegalArgumentException("unknown bind propagation '" + propagation + "'");
      }
      if (!Set.of("", "z", "Z").contains(selinux)) {
        throw new IllegalArgumentException("selinux relabelling is z, Z or nothing");
      }
    }
  }

  /**
   * A tmpfs mount of the long volume syntax.
   *
   * @param sizeBytes its size limit, 0 for none
   * @param mode its permission bits, or -1 for the engine's default
   */
  record Tmpfs(String target, long sizeBytes, int mode) implements Mount {

    public Tmpfs {
      checkTarget(target);
      if (sizeBytes < 0 || mode < -1 || mode > 07777) {
        throw new IllegalArgumentException("tmpfs size or mode out of range");
      }
    }
  }

  private static void checkTarget(String target) {
    Objects.requireNonNull(target, "target");
    if (!target.startsWith("/")) {
      throw new IllegalArgumentException("mount target '" + target + "' must be absolute");
    }
  }
}
