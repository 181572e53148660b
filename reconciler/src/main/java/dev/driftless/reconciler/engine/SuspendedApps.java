package dev.driftless.reconciler.engine;

/**
 * Apps whose automatic sync a person suspended: no reconcile plans, changes or removes them until
 * they are resumed, whatever the repo says (as Argo CD does after a manual rollback or during an
 * incident).
 */
@FunctionalInterface
public interface SuspendedApps {

    SuspendedApps NONE = app -> false;

    boolean isSuspended(String app);
}
