package dev.driftless.reconciler.state;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every container, network and volume of one app on one target, as observed; possibly none.
 *
 * @param networks the networks carrying the app's label
 * @param volumes the named volumes carrying the app's label
 * @param engineNetworks the names of every network on the engine, ours or not: an external
 *     network must be among them, and a name taken by someone else's is never created
 * @param engineVolumes the names of every volume on the engine, likewise
 * @param images the images on the app's engine, which its services run or will run
 */
public record ObservedApp(String name, List<ObservedContainer> containers, List<ObservedNetwork> networks,
        List<ObservedVolume> volumes, Set<String> engineNetworks, Set<String> engineVolumes,
        ObservedImages images) {

    /** An app whose engine's images were not looked at. */
    public ObservedApp(String name, List<ObservedContainer> containers, List<ObservedNetwork> networks,
            List<ObservedVolume> volumes, Set<String> engineNetworks, Set<String> engineVolumes) {
        this(name, containers, networks, volumes, engineNetworks, engineVolumes, ObservedImages.NOT_OBSERVED);
    }

    public ObservedApp {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(images, "images");
        networks = networks.stream().sorted(Comparator.comparing(ObservedNetwork::name)).toList();
        volumes = volumes.stream().sorted(Comparator.comparing(ObservedVolume::name)).toList();
        containers = containers.stream()
                .sorted(Comparator.comparing(ObservedContainer::service).thenComparingInt(ObservedContainer::number)
                        .thenComparing(ObservedContainer::name))
                .toList();
        engineNetworks = Set.copyOf(engineNetworks);
        engineVolumes = Set.copyOf(engineVolumes);
    }

    /** An app with these containers and these networks of its own, on an engine holding nothing else. */
    public ObservedApp(String name, List<ObservedContainer> containers, List<String> networkNames) {
        this(name, containers, networkNames.stream().map(network -> new ObservedNetwork(network, "", "")).toList(),
                List.of(), new TreeSet<>(networkNames), Set.of());
    }

    public static ObservedApp empty(String name) {
        return new ObservedApp(name, List.of(), List.of());
    }

    /** No container, network or volume: nothing of this app exists on the target. */
    public boolean isEmpty() {
        return containers.isEmpty() && networks.isEmpty() && volumes.isEmpty();
    }

    /** The names of the app's own networks. */
    public List<String> networkNames() {
        return networks.stream().map(ObservedNetwork::name).toList();
    }
}
