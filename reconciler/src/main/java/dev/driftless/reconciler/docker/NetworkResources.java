package dev.driftless.reconciler.docker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import dev.driftless.manifests.model.Ipam;
import dev.driftless.manifests.model.NetworkSpec;
import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.state.OwnershipLabels;


import java.util.Map;

/**
 * Creates and removes the app's networks and named volumes on the engine, with Compose's labels
 * and ours, and never removes one that does not carry the app's label (invariant 1), nor a volume
 * the repo did not opt in to remove.
 */
final class NetworkResources {

    private NetworkResources() {
    }

    /** @param source the identity of the source that deploys the app ({@link OwnershipLabels#SOURCE}), "" if none */
    static void create(DockerEngine engine, String app, NetworkSpec network, String name, String specHash,
            String source) {
        DockerClient client = engine.client();
        var create = client.createNetworkCmd()
                .withName(name)
                .withDriver(network.driver().isEmpty() ? "bridge" : network.driver())
                .withLabels(engine.labelled(OwnershipLabels.withSource(
                        OwnershipLabels.forNetwork(app, network.key(), network.labels(), specHash), source)))
                .withInternal(network.internal())
                .withEnableIpv6(network.enableIpv6())
                .withCheckDuplicate(true);
        if (network.attachable()) {
            create.withAttachable(true);
        }
        if (!network.driverOptions().isEmpty()) {
            create.withOptions(network.driverOptions());
        }
        if (!network.ipam().equals(Ipam.NONE)) {
            create.withIpam(ipam(network.ipam()));
        }
        create.exec();
    }

    private static Network.Ipam ipam(Ipam ipam) {
        Network.Ipam out = new IpamWithOptions(ipam.options());
        if (!ipam.driver().isEmpty()) {
            out.withDriver(ipam.driver());
        }
        out.withConfig(ipam.config().stream().map(pool -> {
            Network.Ipam.Config config = new PoolWithAuxAddresses(pool.auxAddresses());
            if (!pool.subnet().isEmpty()) {
                config.withSubnet(pool.subnet());
            }
            if (!pool.ipRange().isEmpty()) {
                config.withIpRange(pool.ipRange());
            }
            if (!pool.gateway().isEmpty()) {
                config.withGateway(pool.gateway());
            }
            return config;
        }).toList());
        return out;
    }

    /**
     * Removes a network of the app, first disconnecting the app's containers from it, as Compose
     * does to recreate one; refuses when a container of anyone else is on it. Absent: nothing to do.
     */
    static void removeOwned(DockerClient client, String app, String name) {
        Network network;
        try {
            network = client.inspectNetworkCmd().withNetworkId(name).exec();
        } catch (NotFoundException gone) {
            return;
        }
        Map<String, String> labels = network.getLabels() == null ? Map.of() : network.getLabels();
        if (!app.equals(labels.get(OwnershipLabels.APP))) {
            throw new IllegalStateException("network " + name + " does not carry " + OwnershipLabels.APP + "=" + app
                    + "; Driftless does not touch it");
        }
        Map<String, Network.ContainerNetworkConfig> attached =
                network.getContainers() == null ? Map.of() : network.getContainers();
        for (String containerId : attached.keySet()) {
            Map<String, String> containerLabels = containerLabels(client, containerId);
            if (!app.equals(containerLabels.get(OwnershipLabels.APP))) {
                throw new IllegalStateException("network " + name + " is in use by container "
                        + attached.get(containerId).getName() + ", which is not app '" + app
                        + "''s; disconnect it so the network can be recreated");
            }
        }
        for (String containerId : attached.keySet()) {
            client.disconnectFromNetworkCmd().withNetworkId(name).withContainerId(containerId).withForce(true).exec();
        }
        client.removeNetworkCmd(name).exec();
    }

    private static Map<String, String> containerLabels(DockerClient client, String id) {
        try {
            Map<String, String> labels = client.inspectContainerCmd(id).exec().getConfig().getLabels();
            return labels == null ? Map.of() : labels;
        } catch (NotFoundException gone) {
            return Map.of();
        }
    }

    static void createVolume(DockerEngine engine, Action.CreateVolume create, String source) {
        var cmd = engine.client().createVolumeCmd()
                .withName(create.name())
                .withLabels(engine.labelled(OwnershipLabels.withSource(OwnershipLabels.forVolume(create.app(),
                        create.volume().key(), create.volume().labels(), create.specHash(), create.volume().prune()),
                        source)));
        if (!create.volume().driver().isEmpty()) {
            cmd.withDriver(create.volume().driver());
        }
        if (!create.volume().driverOptions().isEmpty()) {
            cmd.withDriverOpts(create.volume().driverOptions());
        }
        cmd.exec();
    }

    /** Removes a volume only if it is the app's and carries the prune opt-in; absent: nothing to do. */
    static void removeVolume(DockerClient client, String app, String name) {
        InspectVolumeResponse volume;
        try {
            volume = client.inspectVolumeCmd(name).exec();
        } catch (NotFoundException gone) {
            return;
        }
        Map<String, String> labels = volume.getLabels() == null ? Map.of() : volume.getLabels();
        if (!app.equals(labels.get(OwnershipLabels.APP)) || !"true".equals(labels.get(OwnershipLabels.PRUNE))) {
            throw new IllegalStateException("volume " + name + " does not carry " + OwnershipLabels.APP + "=" + app
                    + " and " + OwnershipLabels.PRUNE + "=true; Driftless never removes it");
        }
        client.removeVolumeCmd(name).exec();
    }

    /** docker-java's IPAM has no setter for the driver's options; the engine's API has them. */
    private static final class IpamWithOptions extends Network.Ipam {
        private static final long serialVersionUID = 1L;

        @JsonProperty("Options")
        private final Map<String, String> ipamOptions;

        IpamWithOptions(Map<String, String> options) {
            this.ipamOptions = options.isEmpty() ? null : Map.copyOf(options);
        }

        @Override
        public Map<String, String> getOptions() {
            return ipamOptions;
        }
    }

    /** docker-java's pool has no field for auxiliary addresses; the engine's API has them. */
    private static final class PoolWithAuxAddresses extends Network.Ipam.Config {
        private static final long serialVersionUID = 1L;

        @JsonProperty("AuxiliaryAddresses")
        private final Map<String, String> auxAddresses;

        PoolWithAuxAddresses(Map<String, String> auxAddresses) {
            this.auxAddresses = auxAddresses.isEmpty() ? null : Map.copyOf(auxAddresses);
        }
    }

}
