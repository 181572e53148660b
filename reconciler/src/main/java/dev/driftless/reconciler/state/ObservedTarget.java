package dev.driftless.reconciler.state;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * All of Driftless's containers, networks and volumes on one target, grouped by app, with the
 * names of every network and volume on the engine (to check external ones exist) and the
 * target's images.
 */
public record ObservedTarget(String target, Map<String, ObservedApp> apps, Set<String> engineNetworks,
        Set<String> engineVolumes, ObservedImages images) {

    public ObservedTarget {
        apps = Map.copyOf(apps);
        engineNetworks = Set.copyOf(engineNetworks);
        engineVolumes = Set.copyOf(engineVolumes);
        java.util.Objects.requireNonNull(images, "images");
    }

    /**
     * @param networksByApp the networks carrying our app label, keyed by that label's value
     */
    public static ObservedTarget of(String target, List<ObservedContainer> containers,
            Map<String, List<String>> networksByApp) {
        Map<String, List<ObservedNetwork>> networks = new HashMap<>();
        networksByApp.forEach((app, names) -> networks.put(app,
                names.stream().map(name -> new ObservedNetwork(name, "", "")).toList()));
        Set<String> engineNetworks = new TreeSet<>();
        networksByApp.values().forEach(engineNetworks::addAll);
        return of(target, containers, networks, Map.of(), engineNetworks, Set.of(), ObservedImages.NOT_OBSERVED);
    }

    /**
     * @param networksByApp the networks carrying our app label, by that label's value
     * @param volumesByApp the volumes carrying our app label, by that label's value
     * @param images the target's images, which every app's plan may look at
     */
    public static ObservedTarget of(String target, List<ObservedContainer> containers,
            Map<String, List<ObservedNetwork>> networksByApp, Map<String, List<ObservedVolume>> volumesByApp,
            Set<String> engineNetworks, Set<String> engineVolumes, ObservedImages images) {
        Set<String> names = new TreeSet<>(networksByApp.keySet());
        names.addAll(volumesByApp.keySet());
        containers.forEach(container -> names.add(container.app()));
        Map<String, ObservedApp> apps = new HashMap<>();
        for (String name : names) {
            apps.put(name, new ObservedApp(name,
                    containers.stream().filter(container -> container.app().equals(name)).toList(),
                    networksByApp.getOrDefault(name, List.of()), volumesByApp.getOrDefault(name, List.of()),
                    engineNetworks, engineVolumes, images));
        }
        return new ObservedTarget(target, apps, engineNetworks, engineVolumes, images);
    }

    public ObservedApp app(String name) {
        return apps.getOrDefault(name,
                new ObservedApp(name, List.of(), List.of(), List.of(), engineNetworks, engineVolumes, images));
    }

    public Set<String> appNames() {
        return new TreeSet<>(apps.keySet());
    }

    public int containerCount() {
        return apps.values().stream().mapToInt(app -> app.containers().size()).sum();
    }
}
