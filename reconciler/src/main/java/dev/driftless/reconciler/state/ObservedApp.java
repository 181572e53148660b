package dev.driftless.reconciler.state;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Every container and network of one app on one target, as observed; possibly none.
 *
 * @param networks names of the networks carrying the app's label
 */
public record ObservedApp(String name, List<ObservedContainer> containers, List<String> networks) {

    public ObservedApp {
        Objects.requireNonNull(name, "name");
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
