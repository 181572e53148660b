package dev.driftless.reconciler.plan;

import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.OwnershipLabels;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Honours the per-container opt-out label ({@link OwnershipLabels#IGNORE}): a container of ours a
 * person marked {@code dev.driftless.ignore=true} is never started, restarted, replaced, restored or removed,
 * whatever the plan wanted; the plan says so in a warning instead. Pure, like {@link Planner}.
 */
public final class OptOut {

    private OptOut() {
    }

    /** The plan without any step that would touch an opted-out container. */
    public static Plan honour(Plan plan) {
        java.util.Set<Action> dropped = new java.util.HashSet<>();
        List<String> warnings = new ArrayList<>(plan.warnings());
        for (Action action : plan.actions()) {
            Optional<ObservedContainer> ignored = touched(action).filter(OwnershipLabels::ignored).findFirst();
            if (ignored.isPresent()) {
                warnings.add("container " + ignored.get().name() + " carries " + OwnershipLabels.IGNORE
                        + "=true; left as it is (wanted: " + action.verb() + ", " + action.reason() + ")");
                dropped.add(action);
            }
        }
        return dropped.isEmpty() ? plan
                : plan.mapSteps(action -> dropped.contains(action) ? Optional.empty() : Optional.of(action), warnings);
    }

    /** The existing containers a step changes. */
    private static Stream<ObservedContainer> touched(Action action) {
        if (action instanceof Action.StartContainer start) {
            return Stream.of(start.container());
        } else if (action instanceof Action.ReplaceContainer replace) {
            return Stream.of(replace.current());
        } else if (action instanceof Action.RemoveContainer remove) {
            return Stream.of(remove.container());
        } else if (action instanceof Action.RestartContainer restart) {
            return Stream.of(restart.container());
        } else if (action instanceof Action.RestoreContainer restore) {
            return Stream.concat(Stream.of(restore.aside()), restore.unproven().stream());
        }
        return Stream.empty();
    }
}
