package dev.driftless.reconciler.plan;

import dev.driftless.manifests.hash.ResourceHash;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.NetworkSpec;
import dev.driftless.manifests.model.VolumeSpec;
import dev.driftless.reconciler.state.ObservedApp;
import dev.driftless.reconciler.state.ObservedNetwork;
import dev.driftless.reconciler.state.ObservedVolume;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The networks' and volumes' part of a plan: what to make before the containers, and what to
 * remove after them. Pure, like {@link Planner}.
 *
 * <p>External networks and volumes are never created nor removed; a missing one makes the app
 * unplannable. A network whose configuration changed is recreated. A volume is never recreated
 * (its data would go); a changed one is reported. A volume is removed only when the repo opted
 * in when it was made ({@code x-driftless-prune: true}, kept as a label) and nothing uses it.
 */
final class ResourcePlanner {

    private ResourcePlanner() {
    }

    /** Networks and volumes to make or recreate, before any container. */
    static List<Action> before(DesiredApp desired, ObservedApp observed, List<String> warnings) {
        String app = desired.name();
        List<Action> actions = new ArrayList<>();
        for (NetworkSpec network : desired.networks()) {
            String name = network.engineName(app);
            if (network.external()) {
                requireExternal(observed.engineNetworks(), "network", network.key(), name);
                continue;
            }
            String hash = ResourceHash.of(network);
            Optional<ObservedNetwork> current = observed.networks().stream()
                    .filter(found -> found.name().equals(name)).findFirst();
            if (current.isEmpty()) {
                if (observed.engineNetworks().contains(name)) {
                    throw new UnplannableException("a network named '" + name + "' exists and is not app '" + app
                            + "''s; Driftless will not take it over: remove or rename it, or declare it external");
                }
                actions.add(new Action.CreateNetwork(app, network, name, hash,
                        "network '" + network.key() + "' does not exist"));
            } else if (!current.get().specHash().equals(hash)
                    && !(current.get().specHash().isEmpty() && network.isPlain())) {
                actions.add(new Action.RecreateNetwork(new Action.CreateNetwork(app, network, name, hash,
                        "network '" + network.key() + "' configuration changed in the repo")));
            }
        }
        for (VolumeSpec volume : desired.volumes()) {
            String name = volume.engineName(app);
            if (volume.external()) {
                requireExternal(observed.engineVolumes(), "volume", volume.key(), name);
                continue;
            }
            String hash = ResourceHash.of(volume);
            Optional<ObservedVolume> current = observed.volumes().stream()
                    .filter(found -> found.name().equals(name)).findFirst();
            if (current.isPresent()) {
                if (!current.get().specHash().isEmpty() && !current.get().specHash().equals(hash)) {
                    warnings.add("volume '" + name + "' was created with other settings than the repo's; Driftless "
                            + "never recreates a volume (its data would be lost): remove it by hand to apply them");
                }
            } else if (!observed.engineVolumes().contains(name)) {
                actions.add(new Action.CreateVolume(app, volume, name, hash,
                        "volume '" + volume.key() + "' does not exist"));
            }
            // A volume of that name made by someone else (docker compose, by hand) is used as it is, as
            // Compose does, and never removed: it carries no label of ours.
        }
        return actions;
    }

    /** Networks and opted-in volumes of ours that nothing desired uses, removed last. */
    static List<Action> after(DesiredApp desired, ObservedApp observed) {
        String app = desired.name();
        Set<String> networks = desired.networks().stream().map(network -> network.engineName(app))
                .collect(Collectors.toSet());
        Set<String> volumes = desired.volumes().stream().map(volume -> volume.engineName(app))
                .collect(Collectors.toSet());
        List<Action> actions = new ArrayList<>();
        observed.networks().stream().filter(network -> !networks.contains(network.name()))
                .forEach(network -> actions.add(new Action.RemoveNetwork(app, network.name(),
                        "no service of the app uses it any more")));
        observed.volumes().stream().filter(volume -> volume.prunable() && !volumes.contains(volume.name()))
                .forEach(volume -> actions.add(new Action.RemoveVolume(app, volume.name(),
                        "no service of the app mounts it, and the repo opted in to its removal")));
        return actions;
    }

    /** An app that left the repo: its networks, and those of its volumes the repo opted in to remove. */
    static List<Action> removal(ObservedApp observed) {
        String reason = "app '" + observed.name() + "' was removed from the repo";
        List<Action> actions = new ArrayList<>();
        observed.networks().forEach(network -> actions.add(
                new Action.RemoveNetwork(observed.name(), network.name(), reason)));
        observed.volumes().stream().filter(ObservedVolume::prunable).forEach(volume -> actions.add(
                new Action.RemoveVolume(observed.name(), volume.name(), reason + " and opted in to its removal")));
        return actions;
    }

    private static void requireExternal(Set<String> existing, String kind, String key, String name) {
        if (!existing.contains(name)) {
            throw new UnplannableException(kind + " '" + key + "' is external, but no " + kind + " named '" + name
                    + "' exists on the target; create it (docker " + kind + " create " + name
                    + "), since Driftless never creates an external one");
        }
    }
}
