package dev.driftless.reconciler.plan;

import dev.driftless.manifests.model.Dependency;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.reconciler.state.ContainerName;
import dev.driftless.reconciler.state.ObservedContainer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compose's {@code depends_on: {db: {restart: true}}}: when the plan replaces db, each running
 * container of a service that depends on it that way, and that the plan does not touch itself, is
 * restarted after db's wave (its steps join the service's own, which {@link ServiceWaves} places
 * after every dependency). A service the plan replaces or starts gets new or fresh containers
 * anyway. Pure.
 */
final class DependentRestarts {

    private DependentRestarts() {
    }

    /**
     * Adds the restarts to {@code steps}, each service's container steps in planned order.
     *
     * @param observed the app's containers as they run
     */
    static void add(String app, List<DesiredService> services, List<ObservedContainer> observed,
            Map<String, List<Action>> steps) {
        Set<String> replaced = steps.entrySet().stream()
                .filter(entry -> entry.getValue().stream().anyMatch(action -> action.kind() == Action.Kind.REPLACE))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        if (replaced.isEmpty()) {
            return;
        }
        Map<String, Map<String, Dependency>> dependencies = ServiceWaves.dependencies(services);
        for (DesiredService service : services) {
            List<String> because = dependencies.get(service.name()).entrySet().stream()
                    .filter(entry -> entry.getValue().restart() && replaced.contains(entry.getKey()))
                    .map(Map.Entry::getKey).sorted().toList();
            List<Action> own = steps.get(service.name());
            if (because.isEmpty() || replaced.contains(service.name())) {
                continue;
            }
            Set<String> touched = own.stream().map(Action::subject).collect(Collectors.toSet());
            observed.stream()
                    .filter(container -> container.service().equals(service.name()))
                    .filter(container -> container.number() <= service.runtime().replicas()
                            && container.name().equals(ContainerName.of(app, service, container.number())))
                    .filter(container -> container.state().isUp() && !touched.contains(container.name()))
                    .forEach(container -> own.add(Action.RestartContainer.after(container, because)));
        }
    }
}
