package dev.driftless.reconciler.docker;

import dev.driftless.reconciler.engine.StepLog;
import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.plan.UpdateOrder;
import dev.driftless.reconciler.state.ContainerName;
import dev.driftless.reconciler.state.ObservedContainer;

import java.time.Clock;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The container steps of a rollout that start something, health-gated: create, replace
 * (stop-first or start-first), start, restart and restore. Each is a sequence of idempotent operations with a
 * journal entry after each point a crash could interrupt, and each leaves, when the new container
 * does not prove healthy, the previous one running under its name again.
 */
final class ContainerRollout {

    private final ContainerOps ops;
    private final HealthGate gate;
    private final Clock clock;
    private final StepLog log;
    private final int index;
    private final boolean untilExit;

    ContainerRollout(ContainerOps ops, HealthGate gate, Clock clock, StepLog log, int index) {
        this(ops, gate, clock, log, index, false);
    }

    /**
     * @param untilExit whether a new container must run to its end with exit code 0 (another service
     *     depends on it with {@code service_completed_successfully}) rather than prove healthy
     */
    ContainerRollout(ContainerOps ops, HealthGate gate, Clock clock, StepLog log, int index, boolean untilExit) {
        this.ops = ops;
        this.gate = gate;
        this.clock = clock;
        this.log = log;
        this.index = index;
        this.untilExit = untilExit;
    }

    /** Creates (if absent) and starts {@code name}, then waits for it to prove healthy. */
    void create(String name, String specHash, BiFunction<String, String, String> create) {
        start(ops.createIfAbsent(name, specHash, () -> create.apply(name, specHash)), name);
    }

    /**
     * Starts a container whose spec is right but which is not running, then waits for it to prove
     * healthy: a container that exits again (a failed create, retried) must not count as healed.
     */
    void start(String id, String name) {
        HealthGate.Outcome outcome = startAndAwait(id, "started " + name);
        if (outcome.verdict() != HealthGate.Verdict.HEALTHY) {
            throw failure(name, id, outcome, "");
        }
    }

    /**
     * Restarts a running container whose spec is right (a service it depends on with
     * {@code restart: true} was replaced), then waits for it to prove healthy again. There is
     * nothing to put back: it is the same container, and the step fails with the reason.
     */
    void restart(String id, String name) {
        ops.restart(id);
        HealthGate.Outcome outcome = awaitAfter(id, "restarted " + name);
        if (outcome.verdict() != HealthGate.Verdict.HEALTHY) {
            throw failure(name, id, outcome, "");
        }
    }

    /** Start-if-not-running, journal it, then wait for the health gate's verdict. */
    private HealthGate.Outcome startAndAwait(String id, String progress) {
        ops.startIfNotRunning(id);
        return awaitAfter(id, progress);
    }

    /** Journals {@code progress}, then waits for the health gate's verdict on {@code id}. */
    private HealthGate.Outcome awaitAfter(String id, String progress) {
        log.progress(index, progress + (untilExit ? "; waiting for it to complete successfully"
                : "; waiting for it to prove healthy"));
        return gate.await(ops, id, clock, log::superseded, untilExit);
    }

    /** Replaces {@code replace.current()} in the action's order; on failure the old one runs again. */
    void replace(Action.ReplaceContainer replace, BiFunction<String, String, String> create) {
        replace(replace, create, false);
    }

    /**
     * Replaces {@code replace.current()} in the action's order; on failure the old one runs again.
     * With {@code keepOld} the old container stays, stopped and renamed aside, once the new one is
     * healthy, so that {@link #rollBack} can still put it back when another replica of the service
     * fails; {@link #release} removes it once every replica is healthy.
     *
     * @return the new container's id
     */
    String replace(Action.ReplaceContainer replace, BiFunction<String, String, String> create, boolean keepOld) {
        ObservedContainer old = replace.current();
        String name = ContainerName.of(old.app(), old.service(), old.number());
        String aside = ContainerName.aside(old.app(), old.service(), old.number());
        if (replace.order() == UpdateOrder.START_FIRST) {
            String next = ContainerName.next(old.app(), old.service(), old.number());
            String id = ops.createIfAbsent(next, replace.specHash(), () -> create.apply(next, replace.specHash()));
            HealthGate.Outcome outcome = startAndAwait(id, "started " + next + " beside the old one");
            if (outcome.verdict() != HealthGate.Verdict.HEALTHY) {
                RuntimeException failure = failure(next, id, outcome, "; the old container keeps running");
                ops.removeIfPresent(id);
                throw failure;
            }
            log.progress(index, next + " is healthy; swapping names");
            moveAside(old.id(), aside);
            ops.renameIfStillNamed(id, name);
            finishReplacement(old.id(), name, keepOld);
            return id;
        }
        moveAside(old.id(), aside);
        log.progress(index, "stopped the old container and renamed it " + aside);
        String id = ops.createIfAbsent(name, replace.specHash(), () -> create.apply(name, replace.specHash()));
        HealthGate.Outcome outcome = startAndAwait(id, "started the new " + name);
        if (outcome.verdict() != HealthGate.Verdict.HEALTHY) {
            RuntimeException failure = failure(name, id, outcome, "; the previous container was put back");
            putBack(old.id(), Optional.of(id), name, old.state().isUp());
            throw failure;
        }
        finishReplacement(old.id(), name, keepOld);
        return id;
    }

    private void finishReplacement(String oldId, String name, boolean keepOld) {
        if (keepOld) {
            log.progress(index, "the new " + name + " is healthy; the old one stays aside until every replica of "
                    + "the service is");
            return;
        }
        log.progress(index, "the new " + name + " is healthy; removing the old one");
        ops.removeIfPresent(oldId);
    }

    /** Puts back the old container a {@code keepOld} replacement left aside, removing the new {@code newId}. */
    void rollBack(Action.ReplaceContainer replace, String newId) {
        ObservedContainer old = replace.current();
        log.progress(index, "rolling back: the old container takes the name " + replace.subject() + " again");
        putBack(old.id(), Optional.of(newId), replace.subject(), old.state().isUp());
    }

    /** Removes the old container a {@code keepOld} replacement left aside: the service's update is complete. */
    void release(Action.ReplaceContainer replace) {
        log.progress(index, "every replica of " + replace.service().name() + " is healthy; removing the old one");
        ops.removeIfPresent(replace.current().id());
    }

    /**
     * Stops the old container and renames it aside. A stale container of the app already holding
     * that name (a put-back that itself failed, long ago) is removed when the engine says the name is
     * taken, or the rename could never succeed and every later rollout of the service would fail on it.
     */
    private void moveAside(String oldId, String aside) {
        ops.stopIfRunning(oldId);
        try {
            ops.renameIfStillNamed(oldId, aside);
        } catch (ContainerOps.NameTaken taken) {
            ops.find(aside).filter(stale -> !stale.getId().equals(oldId))
                    .ifPresent(stale -> ops.removeIfPresent(stale.getId()));
            ops.renameIfStillNamed(oldId, aside);
        }
    }

    /** Puts back a container renamed aside, removing the unproven one that holds its name. */
    void restore(Action.RestoreContainer restore) {
        putBack(restore.aside().id(), restore.unproven().map(ObservedContainer::id), restore.subject(), true);
    }

    private void putBack(String oldId, Optional<String> unproven, String name, boolean start) {
        unproven.ifPresent(ops::removeIfPresent);
        ops.renameIfStillNamed(oldId, name);
        if (start) {
            ops.startIfNotRunning(oldId);
        }
    }

    private RuntimeException failure(String name, String id, HealthGate.Outcome outcome, String after) {
        String logs = outcome.verdict() == HealthGate.Verdict.SUPERSEDED ? "" : ops.lastLogLines(id);
        String message = name + " did not prove healthy: " + outcome.reason() + after
                + (logs.isBlank() ? "" : "\nlast log lines of " + name + ":\n" + logs);
        return outcome.verdict() == HealthGate.Verdict.SUPERSEDED ? new RolloutSuperseded(message)
                : new HealthGateFailed(message);
    }

    /** The new container did not prove healthy; the message says why, with its last log lines. */
    static final class HealthGateFailed extends RuntimeException {
        HealthGateFailed(String message) {
            super(message);
        }
    }

    /** The rollout stopped at a safe point because a newer revision is waiting. */
    static final class RolloutSuperseded extends RuntimeException {
        RolloutSuperseded(String message) {
            super(message);
        }
    }

}
