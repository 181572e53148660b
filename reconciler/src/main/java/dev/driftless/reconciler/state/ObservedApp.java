package dev.driftless.reconciler.state;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Every container and network of one app on one target, as observed; possibly none.
 *
 * @param networks names of the networks carrying the app's label
 * @param images the images on the app's engine, which its services run or will run
 */
public record ObservedApp(String name, List<ObservedContainer> containers, List<String> networks,
        ObservedImages images) {

    /** An app whose engine's images were not looked at. */
    public ObservedApp(String name, List<ObservedContainer> containers, List<String> networks) {
        this(name, containers, networks, ObservedImages.NOT_OBSERVED);
    }

    public ObservedApp {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(images, "images");
        networks = networks.stream().sorted().toList();
        containers = containers.stream()
                .sorted(Comparator.comparing(ObservedContainer::service).thenComparingInt(ObservedContainer::number)
                        .thenComparing(ObservedContainer::name))
                .toList();
    }

    public static ObservedApp empty(String name) {
        return new ObservedApp(name, List.of(), List.of());
    }

    /** No container and no network: nothing of this app exists on the target. */
    public boolean isEmpty() {
        return containers.isEmpty() && networks.isEmpty();
    }
}
