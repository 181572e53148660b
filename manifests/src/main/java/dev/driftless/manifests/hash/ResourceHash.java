package dev.driftless.manifests.hash;

import dev.driftless.manifests.model.NetworkSpec;
import dev.driftless.manifests.model.VolumeSpec;

/**
 * The configuration hash of a network or a named volume, stored as a label on it, so that the
 * planner sees a network whose settings changed in the repo (and recreates it, as Compose does)
 * or a volume whose settings changed (and says so, without ever recreating it: that would lose
 * its data). Versioned like {@link SpecHash}.
 */
public final class ResourceHash {

  private ResourceHash() {}

  /** 64 lower-case hex characters. */
  public static String of(NetworkSpec network) {
    CanonicalDigest out = new CanonicalDigest();
    out.text("driftless-network-hash").text(SpecHash.VERSION);
    AttachmentsHashing.networkSettings(out, network);
    return out.hex();
  }

  /** 64 lower-case hex characters; the prune opt-in is not part of it. */
  public static String of(VolumeSpec volume) {
    CanonicalDigest out = new CanonicalDigest();
    out.text("driftless-volume-hash").text(SpecHash.VERSION);
    out.text(volume.name()).text(Boolean.toString(volume.external())).text(volume.driver())
        .map(volume.driverOptions()).map(volume.labels());
    return out.hex();
  }
}
