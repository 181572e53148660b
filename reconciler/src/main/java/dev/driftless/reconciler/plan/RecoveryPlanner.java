package dev.driftless.reconciler.plan;

import dev.driftless.reconciler.state.ContainerName;
import dev.driftless.reconciler.state.ObservedApp;
import dev.driftless.reconciler.state.ObservedContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
        return plan(observed, revision, Set.of());
    }

    /**
     * Like the above, and re-does the restarts the interrupted rollout had planned but not finished
     * ({@code depends_on.restart}), once the containers are back: no later plan would, since the
     * replacement that called for them may be complete. A restart is idempotent enough to be done twice.
     *
     * @param restartsLeft the names of the containers whose restart step did not finish
     */
    public static Plan plan(ObservedApp observed, String revision, Set<String> restartsLeft) {
        List<Action> restarts = observed.containers().stream()
                .filter(container -> restartsLeft.contains(container.name()) && container.state().isUp())
                .map(container -> (Action) new Action.RestartContainer(container, List.of(),
                        "its restart (a service it depends on with restart: true was replaced) was interrupted; "
                                + "re-done"))
                .toList();
        Plan repairs = plan(observed.containers(), observed.name(), revision);
        if (restarts.isEmpty()) {
            return repairs;
        }
        List<Wave> waves = new ArrayList<>();
        repairs.waves().stream().filter(wave -> wave.actions().get(0).phase() == Action.Phase.CONTAINERS)
                .forEach(waves::add);
        waves.add(new Wave("restarts left by the interrupted rollout", restarts));
        repairs.waves().stream().filter(wave -> wave.actions().get(0).phase() != Action.Phase.CONTAINERS)
                .forEach(waves::add);
        return Plan.inWaves(observed.name(), revision, waves, List.of(), java.util.Map.of());
    }

    private static Plan plan(List<ObservedContainer> containers, String app, String revision) {
        List<Action> actions = new ArrayList<>();
        List<Action> removals = new ArrayList<>();
        for (ObservedContainer container : containers) {
            String canonical = ContainerName.of(container.app(), container.service(), container.number());
            if (container.name().equals(canonical + ContainerName.ASIDE_SUFFIX)) {
                Optional<ObservedContainer> unproven = containers.stream()
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
        return new Plan(app, revision, actions, List.of());
    }
}
