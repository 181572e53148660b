package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.BindOptions;
import com.github.dockerjava.api.model.BindPropagation;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.TmpfsOptions;
import com.github.dockerjava.api.model.VolumeOptions;
import dev.driftless.manifests.model.Attachments;
import dev.driftless.manifests.model.BindSource;
import dev.driftless.manifests.model.Mount;
import dev.driftless.manifests.model.NetworkMode;
import dev.driftless.manifests.model.ServiceNetwork;
import dev.driftless.reconciler.files.HostFiles;
import dev.driftless.reconciler.state.ContainerName;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a service's networks and mounts on the engine's create call, as {@code docker compose}
 * does: the highest-priority network at create time (with the service name, the container name
 * and the user's aliases), the others connected before the container starts; short-syntax binds
 * as {@code Binds} (the engine creates a missing host folder, and honours z/Z), everything else
 * as {@code Mounts}; the {@code tmpfs} key as {@code Tmpfs}. Repo files are copied to the host by
 * {@link HostFiles} first.
 */
final class AttachmentsMapping {

    private AttachmentsMapping() {
    }

    /**
     * @param aliases the DNS names every container of the service has on each of its networks
     *     (the service name and the container name)
     * @param inherited the old container's volumes a replacement takes over, by mount point
     *     ({@link InheritedVolumes}); empty for a new container
     */
    static void apply(String app, Attachments attachments, CreateContainerCmd create, HostConfig host,
            HostFiles files, List<String> aliases, Map<String, String> inherited) {
        NetworkMode mode = attachments.networkMode();
        switch (mode.kind()) {
            case NETWORKS -> {
                ServiceNetwork first = attachments.networks().get(0);
                host.withNetworkMode(first.network().engineName(app));
                create.withAliases(aliases(first, aliases));
                if (!first.ipv4Address().isEmpty()) {
                    create.withIpv4Address(first.ipv4Address());
                }
                if (!first.ipv6Address().isEmpty()) {
                    create.withIpv6Address(first.ipv6Address());
                }
            }
            case SERVICE -> host.withNetworkMode("container:" + ContainerName.of(app, mode.reference(), 1));
            case CONTAINER -> host.withNetworkMode("container:" + mode.reference());
            default -> host.withNetworkMode(mode.kind().name().toLowerCase(Locale.ROOT));
        }
        List<Bind> binds = new ArrayList<>();
        List<com.github.dockerjava.api.model.Mount> mounts = new ArrayList<>();
        for (Mount mount : attachments.mounts()) {
            if (mount instanceof Mount.Volume volume) {
                com.github.dockerjava.api.model.Mount out = new com.github.dockerjava.api.model.Mount()
                        .withType(MountType.VOLUME).withTarget(volume.target()).withReadOnly(volume.readOnly());
                if (!volume.anonymous()) {
                    out.withSource(volume.volume().engineName(app));
                } else {
                    Optional.ofNullable(inherited.get(InheritedVolumes.clean(volume.target()))).ifPresent(out::withSource);
                }
                if (volume.noCopy()) {
                    out.withVolumeOptions(new VolumeOptions().withNoCopy(true));
                }
                mounts.add(out);
            } else if (mount instanceof Mount.Bind bind) {
                String source = bind.source() instanceof BindSource.Repo repo
                        ? files.materialise(app, repo.files()).toString()
                        : ((BindSource.HostPath) bind.source()).path();
                if (bind.createHostPath() || !bind.selinux().isEmpty()) {
                    binds.add(Bind.parse(source + ":" + bind.target() + ":" + bindMode(bind)));
                } else {
                    com.github.dockerjava.api.model.Mount out = new com.github.dockerjava.api.model.Mount()
                            .withType(MountType.BIND).withSource(source).withTarget(bind.target())
                            .withReadOnly(bind.readOnly());
                    if (!bind.propagation().isEmpty()) {
                        out.withBindOptions(new BindOptions().withPropagation(
                                BindPropagation.valueOf(bind.propagation().toUpperCase(Locale.ROOT))));
                    }
                    mounts.add(out);
                }
            } else if (mount instanceof Mount.Tmpfs tmpfs) {
                TmpfsOptions options = new TmpfsOptions();
                if (tmpfs.sizeBytes() > 0) {
                    options.withSizeBytes(tmpfs.sizeBytes());
                }
                if (tmpfs.mode() >= 0) {
                    options.withMode(tmpfs.mode());
                }
                mounts.add(new com.github.dockerjava.api.model.Mount().withType(MountType.TMPFS)
                        .withTarget(tmpfs.target()).withTmpfsOptions(options));
            } else {
                throw new IllegalStateException("no mapping for " + mount);
            }
        }
        // What the image declares and the service does not mention: the old container's volume again.
        inherited.forEach((target, volume) -> {
            if (attachments.mounts().stream().noneMatch(mount -> InheritedVolumes.clean(mount.target()).equals(target))) {
                mounts.add(new com.github.dockerjava.api.model.Mount().withType(MountType.VOLUME).withSource(volume)
                        .withTarget(target));
            }
        });
        if (!binds.isEmpty()) {
            host.withBinds(binds);
        }
        if (!mounts.isEmpty()) {
            host.withMounts(mounts);
        }
        if (!attachments.tmpfs().isEmpty()) {
            host.withTmpFs(attachments.tmpfs());
        }
    }

    /** The user's aliases, then the service's own names (the engine treats them as a set). */
    private static List<String> aliases(ServiceNetwork joined, List<String> own) {
        List<String> all = new ArrayList<>(joined.aliases());
        all.addAll(own);
        return all;
    }

    private static String bindMode(Mount.Bind bind) {
        StringBuilder mode = new StringBuilder(bind.readOnly() ? "ro" : "rw");
        if (!bind.selinux().isEmpty()) {
            mode.append(',').append(bind.selinux());
        }
        if (!bind.propagation().isEmpty()) {
            mode.append(',').append(bind.propagation());
        }
        return mode.toString();
    }

    /** Connects a created container to its other networks, before it starts, as Compose does. */
    static void connectOthers(DockerClient client, String app, Attachments attachments, String containerId,
            List<String> aliases) {
        List<ServiceNetwork> networks = attachments.networks();
        for (ServiceNetwork joined : networks.subList(Math.min(1, networks.size()), networks.size())) {
            ContainerNetwork endpoint = new ContainerNetwork().withAliases(aliases(joined, aliases));
            if (!joined.ipv4Address().isEmpty() || !joined.ipv6Address().isEmpty()) {
                ContainerNetwork.Ipam ipam = new ContainerNetwork.Ipam();
                if (!joined.ipv4Address().isEmpty()) {
                    ipam.withIpv4Address(joined.ipv4Address());
                }
                if (!joined.ipv6Address().isEmpty()) {
                    ipam.withIpv6Address(joined.ipv6Address());
                }
                endpoint.withIpamConfig(ipam);
            }
            client.connectToNetworkCmd().withNetworkId(joined.network().engineName(app)).withContainerId(containerId)
                    .withContainerNetwork(endpoint).exec();
        }
    }
}
