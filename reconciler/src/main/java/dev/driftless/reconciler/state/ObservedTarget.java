package dev.driftless.reconciler.state;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** All of Driftless's containers and networks on one target, grouped by app, and the target's images. */
public record ObservedTarget(String target, Map<String, ObservedApp> apps, ObservedImages images) {

    public ObservedTarget {
        apps = Map.copyOf(apps);
        java.util.Objects.requireNonNull(images, "images");
    }

    public ObservedTarget(String target, Map<String, ObservedApp> apps) {
        this(target, apps, ObservedImages.NOT_OBSERVED);
    }

    /**
     * @param networksByApp the networks carrying our app label, keyed by that label's value
     */
    public static ObservedTarget of(String target, List<ObservedContainer> containers,
            Map<String, List<String>> networksByApp) {
        return of(target, containers, networksByApp, ObservedImages.NOT_OBSERVED);
    }

    /**
     * @param images the target's images, which every app's plan may look at
     */
    public static ObservedTarget of(String target, List<ObservedContainer> containers,
            Map<String, List<String>> networksByApp, ObservedImages images) {
        Set<String> names = new TreeSet<>(networksByApp.keySet());
        containers.forEach(container -> names.add(container.app()));
        Map<String, ObservedApp> apps = new java.util.HashMap<>();
        for (String name : names) {
            apps.put(name, new ObservedApp(name,
                    containers.stream().filter(container -> container.app().equals(name)).toList(),
                    networksByApp.getOrDefault(name, List.of()), images));
        }
        return new ObservedTarget(target, apps, images);
    }

    public ObservedApp app(String name) {
        return apps.getOrDefault(name, new ObservedApp(name, List.of(), List.of(), images));
    }

    public Set<String> appNames() {
        return new TreeSet<>(apps.keySet());
    }

    public int containerCount() {
        return apps.values().stream().mapToInt(app -> app.containers().size()).sum();
    }
}
