package dev.driftless.reconciler.plan;

import dev.driftless.manifests.model.Dependency;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.NetworkMode;
import dev.driftless.manifests.model.UpdateConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The container steps of a plan in waves: a topological layering of the services by
 * {@code depends_on} (a service's layer is one past the deepest of its dependencies, so it comes
 * after all of them, and services that do not depend on each other share a layer), each layer
 * split into batches by the services' {@code deploy.update_config.parallelism}. Pure.
 */
final class ServiceWaves {

    private ServiceWaves() {
    }

    /**
     * Each desired service's dependencies among the app's services, as {@code depends_on} names
     * them, plus the one Compose implies for {@code network_mode: service:NAME} (the network stack
     * it joins must exist first).
     */
    static Map<String, Map<String, Dependency>> dependencies(List<DesiredService> services) {
        Set<String> names = services.stream().map(DesiredService::name).collect(Collectors.toSet());
        Map<String, Map<String, Dependency>> dependencies = new LinkedHashMap<>();
        for (DesiredService service : services) {
            Map<String, Dependency> own = new LinkedHashMap<>();
            service.runtime().dependsOn().forEach((name, dependency) -> {
                if (names.contains(name)) {
                    own.put(name, dependency);
                }
            });
            NetworkMode mode = service.attachments().networkMode();
            if (mode.kind() == NetworkMode.Kind.SERVICE && names.contains(mode.reference())) {
                own.putIfAbsent(mode.reference(), Dependency.STARTED);
            }
            dependencies.put(service.name(), own);
        }
        return dependencies;
    }

    /**
     * The waves of the container steps, {@code steps} being each service's steps in the order they
     * were planned.
     */
    static List<Wave> of(List<DesiredService> services, Map<String, List<Action>> steps) {
        Map<String, Map<String, Dependency>> dependencies = dependencies(services);
        Map<String, Integer> layers = new HashMap<>();
        services.forEach(service -> layer(service.name(), dependencies, layers, new LinkedHashSet<>()));
        int deepest = layers.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Wave> waves = new ArrayList<>();
        for (int layer = 0; layer <= deepest; layer++) {
            Map<DesiredService, List<List<Action>>> batches = new LinkedHashMap<>();
            for (DesiredService service : services) {
                List<Action> own = steps.getOrDefault(service.name(), List.of());
                if (layers.get(service.name()) == layer && !own.isEmpty()) {
                    batches.put(service, batches(service.runtime().updateConfig(), own));
                }
            }
            int count = batches.values().stream().mapToInt(List::size).max().orElse(0);
            for (int batch = 0; batch < count; batch++) {
                List<Action> actions = new ArrayList<>();
                List<String> names = new ArrayList<>();
                Duration delay = Duration.ZERO;
                Set<String> waitsFor = new LinkedHashSet<>();
                for (Map.Entry<DesiredService, List<List<Action>>> entry : batches.entrySet()) {
                    List<List<Action>> own = entry.getValue();
                    if (batch >= own.size()) {
                        continue;
                    }
                    String name = entry.getKey().name();
                    actions.addAll(own.get(batch));
                    names.add(own.size() > 1 ? name + " (batch " + (batch + 1) + " of " + own.size() + ")" : name);
                    if (batch > 0 && entry.getKey().runtime().updateConfig().delay().compareTo(delay) > 0) {
                        delay = entry.getKey().runtime().updateConfig().delay();
                    }
                    dependencies.get(name).forEach((dependency, how) -> waitsFor.add(dependency + " "
                            + words(how.condition())));
                }
                String label = String.join(", ", names) + (batch == 0 && !waitsFor.isEmpty()
                        ? ", after " + String.join(", ", waitsFor) : "")
                        + (delay.isZero() ? "" : ", " + seconds(delay) + " after the batch before");
                waves.add(new Wave(label, actions, delay));
            }
        }
        return waves;
    }

    /**
     * A service's steps in batches: creations and starts (nothing runs yet that they could disturb)
     * with the first batch of replacements, then {@code parallelism} replacements at a time (all at
     * once for 0, as Swarm).
     */
    private static List<List<Action>> batches(UpdateConfig update, List<Action> steps) {
        List<Action> replacements = steps.stream().filter(action -> action.kind() == Action.Kind.REPLACE).toList();
        List<Action> others = steps.stream().filter(action -> action.kind() != Action.Kind.REPLACE).toList();
        int size = update.parallelism() == 0 ? Math.max(1, replacements.size()) : update.parallelism();
        List<List<Action>> batches = new ArrayList<>();
        for (int from = 0; from < replacements.size(); from += size) {
            batches.add(new ArrayList<>(replacements.subList(from, Math.min(from + size, replacements.size()))));
        }
        if (batches.isEmpty()) {
            batches.add(new ArrayList<>());
        }
        batches.get(0).addAll(0, others);
        return batches;
    }

    private static int layer(String service, Map<String, Map<String, Dependency>> dependencies,
            Map<String, Integer> layers, Set<String> path) {
        Integer known = layers.get(service);
        if (known != null) {
            return known;
        }
        if (!path.add(service)) {
            // The Compose reader refuses a cycle at the entry that closes it; this is a guard, not a message.
            throw new UnplannableException("services depend on each other in a cycle: "
                    + String.join(" -> ", path) + " -> " + service);
        }
        int layer = 0;
        for (String dependency : dependencies.getOrDefault(service, Map.of()).keySet()) {
            layer = Math.max(layer, layer(dependency, dependencies, layers, path) + 1);
        }
        path.remove(service);
        layers.put(service, layer);
        return layer;
    }

    private static String seconds(Duration delay) {
        return (delay.toMillis() % 1000 == 0 ? Long.toString(delay.toSeconds()) : Double.toString(delay.toMillis()
                / 1000.0)) + " s";
    }

    /** How a wave's label says what it waits for. */
    static String words(String condition) {
        return switch (condition) {
            case "service_healthy" -> "is healthy";
            case "service_completed_successfully" -> "completed successfully";
            default -> "started";
        };
    }
}
