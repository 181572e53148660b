package dev.driftless.reconciler.daemon;

import dev.driftless.reconciler.engine.ReconcileScope;
import dev.driftless.reconciler.engine.Trigger;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Where every trigger of one source goes (webhook, poll, API, start): at most one reconcile runs,
 * and at most one waits. Triggers arriving while one runs merge into the waiting one, whose scope
 * grows to cover them all; since each reconcile re-reads git, the waiting one always sees the
 * newest revision. A burst of a hundred pushes is therefore at most two reconciles, never two at
 * once.
 *
 * <p>Thread-safe; {@link #submit} never blocks.
 */
public final class CoalescingQueue {

    private final Executor worker;
    private final BiConsumer<Trigger, ReconcileScope> reconcile;
    private Pending pending;
    private boolean running;

    /**
     * @param worker runs the reconciles; it may have several threads, the queue still runs one at a time
     * @param reconcile the reconcile to run, with the merged trigger and scope
     */
    public CoalescingQueue(Executor worker, BiConsumer<Trigger, ReconcileScope> reconcile) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.reconcile = Objects.requireNonNull(reconcile, "reconcile");
    }

    /**
     * Asks for a reconcile of {@code scope}.
     *
     * @return true when it started a new run or a new waiting run; false when it merged into one
     *     already waiting
     */
    public boolean submit(Trigger trigger, ReconcileScope scope) {
        synchronized (this) {
            if (pending != null) {
                // A waiting webhook stays one: it is what ends a rollout stuck on a health gate early.
                // A drift (often the engine's echo of a rollout's own renames and stops) never
                // relabels a waiting request: what it merges into is what the history should say.
                Trigger kept = pending.trigger() == Trigger.WEBHOOK || trigger == Trigger.DRIFT
                        ? pending.trigger() : trigger;
                pending = new Pending(kept, pending.scope().union(scope));
                return false;
            }
            pending = new Pending(trigger, scope);
            if (running) {
                return true;
            }
            running = true;
        }
        worker.execute(this::drain);
        return true;
    }

    /** Whether nothing runs and nothing waits (for tests and shutdown). */
    /**
     * Whether a request pushed by a webhook waits behind the running reconcile: a newer revision is
     * there, and a rollout waiting on a health gate should end at its next safe point.
     */
    public synchronized boolean webhookWaiting() {
        return pending != null && pending.trigger() == Trigger.WEBHOOK;
    }

    public synchronized boolean idle() {
        return !running && pending == null;
    }

    private void drain() {
        while (true) {
            Pending next;
            synchronized (this) {
                next = pending;
                pending = null;
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                reconcile.accept(next.trigger(), next.scope());
            } catch (RuntimeException e) {
                // The reconcile reports its own failures; a bug in it must not stop the queue.
                org.slf4j.LoggerFactory.getLogger(CoalescingQueue.class).error("reconcile failed unexpectedly", e);
            }
        }
    }

    private record Pending(Trigger trigger, ReconcileScope scope) {
    }
}
