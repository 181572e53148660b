package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.ObservedTarget;
import dev.driftless.reconciler.state.OwnershipLabels;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads back what runs on one engine: one label-filtered container list and one label-filtered
 * network list per reconcile, whatever the number of apps. Containers without Driftless's app
 * label are never seen, so nothing downstream can touch them.
 */
public final class DockerObserver {

    private DockerObserver() {
    }

    public static ObservedTarget observe(DockerEngine engine) {
        try {
            List<Container> containers = engine.calls().call(() -> engine.client().listContainersCmd()
                    .withShowAll(true)
                    .withLabelFilter(List.of(OwnershipLabels.APP))
                    .exec());
            List<Network> networks = engine.calls().call(() -> engine.client().listNetworksCmd()
                    .withFilter("label", List.of(OwnershipLabels.APP))
                    .exec());
            Map<String, List<String>> networksByApp = networks.stream()
                    .filter(network -> network.getLabels() != null && network.getLabels().get(OwnershipLabels.APP) != null)
                    .collect(Collectors.groupingBy(network -> network.getLabels().get(OwnershipLabels.APP),
                            Collectors.mapping(Network::getName, Collectors.toList())));
            return ObservedTarget.of(engine.host().toString(),
                    containers.stream().map(DockerObserver::toObserved).toList(), networksByApp);
        } catch (RuntimeException e) {
            throw new DockerEngineException("cannot list containers on " + engine.host() + ": "
                    + DockerEngine.rootMessage(e), e);
        }
    }

    static ObservedContainer toObserved(Container container) {
        Map<String, String> labels = container.getLabels() == null ? Map.of() : container.getLabels();
        String name = container.getNames() == null || container.getNames().length == 0 ? container.getId()
                : container.getNames()[0].replaceFirst("^/", "");
        return new ObservedContainer(
                container.getId(),
                name,
                labels.get(OwnershipLabels.APP),
                Objects.requireNonNullElse(labels.get(OwnershipLabels.SERVICE),
                        labels.getOrDefault(OwnershipLabels.COMPOSE_SERVICE, "")),
                number(labels.get(OwnershipLabels.COMPOSE_NUMBER)),
                labels.getOrDefault(OwnershipLabels.SPEC_HASH, ""),
                labels.getOrDefault(OwnershipLabels.REVISION, ""),
                ContainerState.of(container.getState()),
                labels);
    }

    private static int number(String label) {
        try {
            return label == null ? 0 : Integer.parseInt(label.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
