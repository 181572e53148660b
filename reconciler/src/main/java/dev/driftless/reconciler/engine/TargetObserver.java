package dev.driftless.reconciler.engine;

import dev.driftless.reconciler.state.ObservedTarget;

/** Reads back what runs on a target; throws when the target cannot be observed. */
@FunctionalInterface
public interface TargetObserver {

    ObservedTarget observe();
}
