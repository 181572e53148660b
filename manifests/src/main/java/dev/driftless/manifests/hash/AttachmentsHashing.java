package dev.driftless.manifests.hash;

import dev.driftless.manifests.model.Attachments;
import dev.driftless.manifests.model.BindSource;
import dev.driftless.manifests.model.Ipam;
import dev.driftless.manifests.model.Mount;
import dev.driftless.manifests.model.NetworkSpec;
import dev.driftless.manifests.model.ServiceNetwork;

/**
 * The networks' and mounts' part of the spec hash. Only what differs from Compose's default (the
 * app network, no mounts) is written, so that a service attaching nothing keeps its earlier hash.
 *
 * <p>A joined network's own settings are part of it, so that a network whose configuration
 * changed has every container on it recreated (the network itself is recreated first). Repo files
 * bound into a container count by their content digest, so a commit that changes
 * {@code nginx.conf} recreates the containers that mount it, and nothing else.
 */
final class AttachmentsHashing {

  private AttachmentsHashing() {}

  static void write(FieldSink out, Attachments attachments) {
    if (attachments.isDefault()) {
      return;
    }
    if (!attachments.networkMode().equals(Attachments.NONE.networkMode())) {
      out.to("network_mode").text(attachments.networkMode().toString());
    }
    if (!attachments.networks().equals(Attachments.NONE.networks())) {
      CanonicalDigest networks = out.to("networks").size(attachments.networks().size());
      attachments.networks().forEach(joined -> network(networks, joined));
    }
    if (!attachments.mounts().isEmpty()) {
      // Hashed as "mounts" since v1; Compose calls them volumes.
      CanonicalDigest mounts = out.to("mounts", "volumes").size(attachments.mounts().size());
      attachments.mounts().forEach(mount -> mount(mounts, mount));
    }
    if (!attachments.tmpfs().isEmpty()) {
      out.to("tmpfs").map(attachments.tmpfs());
    }
  }

  private static void network(CanonicalDigest out, ServiceNetwork joined) {
    NetworkSpec spec = joined.network();
    out.text(spec.key()).number(joined.priority()).text(joined.ipv4Address())
        .text(joined.ipv6Address()).size(joined.aliases().size());
    joined.aliases().forEach(out::text);
    if (spec.isPlain()) {
      out.text("plain");
      return;
    }
    networkSettings(out, spec);
  }

  /** Every setting of a network but its key; shared with {@link ResourceHash}. */
  static void networkSettings(CanonicalDigest out, NetworkSpec spec) {
    out.text(spec.name()).text(Boolean.toString(spec.external())).text(spec.driver())
        .map(spec.driverOptions());
    out.text(Boolean.toString(spec.internal())).text(Boolean.toString(spec.attachable()))
        .text(Boolean.toString(spec.enableIpv6())).map(spec.labels());
    Ipam ipam = spec.ipam();
    out.text(ipam.driver()).map(ipam.options()).size(ipam.config().size());
    for (Ipam.Pool pool : ipam.config()) {
      out.text(pool.subnet()).text(pool.ipRange()).text(pool.gateway()).map(pool.auxAddresses());
    }
  }

  private static void mount(CanonicalDigest out, Mount mount) {
    out.text(mount.target());
    if (mount instanceof Mount.Volume volume) {
      out.text("volume").text(volume.anonymous() ? "" : volume.volume().key())
          .text(volume.anonymous() ? "" : volume.volume().name())
          .text(Boolean.toString(volume.readOnly())).text(Boolean.toString(volume.noCopy()));
    } else if (mount instanceof Mount.Bind bind) {
      out.text("bind");
      if (bind.source() instanceof BindSource.HostPath host) {
        out.text("host").text(host.path());
      } else if (bind.source() instanceof BindSource.Repo repo) {
        out.text("repo").text(repo.files().path()).text(repo.files().digest());
      }
      out.text(Boolean.toString(bind.readOnly())).text(bind.propagation())
          .text(Boolean.toString(bind.createHostPath())).text(bind.selinux());
    } else if (mount instanceof Mount.Tmpfs tmpfs) {
      out.text("tmpfs").number(tmpfs.sizeBytes()).number(tmpfs.mode());
    } else {
      throw new IllegalStateException("unhashed mount " + mount);
    }
  }
}
