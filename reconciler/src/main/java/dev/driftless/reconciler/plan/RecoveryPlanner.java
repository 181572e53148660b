package dev.driftless.reconciler.plan;

import dev.driftless.reconciler.state.ContainerName;
import dev.driftless.reconciler.state.ObservedApp;
import dev.driftless.reconciler.state.ObservedContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What undoes the replacements an interrupted rollout left half-done, from what is observed alone
 * (pure, like {@link Planner}): every container renamed aside is put back under its name, the
 * unproven one that took the name removed; every new container still under its temporary name is
 * removed. After it, the app runs its last good containers, and an ordinary plan finishes the job
 * with health gates, so recovery never trusts a container that did not prove healthy.
 */
public final class RecoveryPlanner {

    private RecoveryPlanner() {
    }

    public static Plan plan(ObservedApp observed, String revision) {
        List<Action> actions = new ArrayList<>();
        List<Action> removals = new ArrayList<>();
        for (ObservedContainer container : observed.containers()) {
            String canonical = ContainerName.of(container.app(), container.service(), container.number());
            if (container.name().equals(canonical + ContainerName.ASIDE_SUFFIX)) {
                Optional<ObservedContainer> unproven = observed.containers().stream()
                        .filter(other -> other.name().equals(canonical))
                        .findFirst();
                actions.add(new Action.RestoreContainer(container, unproven,
                        "left aside by an interrupted rollout; the previous container is put back"));
            } else if (container.name().equals(canonical + ContainerName.NEXT_SUFFIX)) {
                removals.add(new Action.RemoveContainer(container,
                        "left over by an interrupted rollout before it proved healthy"));
            }
        }
        actions.addAll(removals);
        return new Plan(observed.name(), revision, actions, List.of());
    }
}
