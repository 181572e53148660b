package dev.driftless.reconciler.engine;

import java.util.Optional;

/**
 * Apps whose automatic sync a person suspended: no reconcile plans, changes or removes them until
 * they are resumed, whatever the repo says (as Argo CD does after a manual rollback or during an
 * incident).
 */
@FunctionalInterface
public interface SuspendedApps {

    SuspendedApps NONE = app -> false;

    boolean isSuspended(String app);

    /**
     * The revision a suspended app is pinned to by a rollback: it is reconciled to that revision
     * instead of being left alone. Empty for an app merely suspended.
     */
    default Optional<String> pinnedRevision(String app) {
        return Optional.empty();
    }
}
