package dev.driftless.reconciler.engine;

import dev.driftless.reconciler.state.ObservedTarget;

/** Reads back what runs on a target; throws when the target cannot be observed. */
@FunctionalInterface
public interface TargetObserver {

    ObservedTarget observe();

    /**
     * The target's containers only (no networks, volumes or images): what counting them after an
     * apply needs, at the cost of one list call instead of four. By default a full observation.
     */
    default ObservedTarget observeContainers() {
        return observe();
    }
}
