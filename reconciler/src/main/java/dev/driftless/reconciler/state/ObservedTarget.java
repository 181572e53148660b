package dev.driftless.reconciler.state;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** All of Driftless's containers and networks on one target, grouped by app. */
public record ObservedTarget(String target, Map<String, ObservedApp> apps) {

    public ObservedTarget {
        apps = Map.copyOf(apps);
    }

    /**
     * @param networksByApp the networks carrying our app label, keyed by that label's value
     */
    public static ObservedTarget of(String target, List<ObservedContainer> containers,
            Map<String, List<String>> networksByApp) {
        Set<String> names = new TreeSet<>(networksByApp.keySet());
        containers.forEach(container -> names.add(container.app()));
        Map<String, ObservedApp> apps = new java.util.HashMap<>();
        for (String name : names) {
            apps.put(name, new ObservedApp(name,
                    containers.stream().filter(container -> container.app().equals(name)).toList(),
                    networksByApp.getOrDefault(name, List.of())));
        }
        return new ObservedTarget(target, apps);
    }

    public ObservedApp app(String name) {
        return apps.getOrDefault(name, ObservedApp.empty(name));
    }

    public Set<String> appNames() {
        return new TreeSet<>(apps.keySet());
    }

    public int containerCount() {
        return apps.values().stream().mapToInt(app -> app.containers().size()).sum();
    }
}
