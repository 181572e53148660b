package dev.driftless.reconciler.engine;

import dev.driftless.reconciler.engine.RolloutJournal.JournalState;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/** Writes what the executor says about each step of one rollout into the journal, as it happens. */
final class JournalStepLog implements StepLog {

    private final RolloutJournal journal;
    private final long rollout;
    private final BooleanSupplier newerRevisionWaiting;
    private final AtomicBoolean superseded = new AtomicBoolean();

    JournalStepLog(RolloutJournal journal, long rollout, BooleanSupplier newerRevisionWaiting) {
        this.journal = journal;
        this.rollout = rollout;
        this.newerRevisionWaiting = newerRevisionWaiting;
    }

    @Override
    public void running(int index) {
        journal.step(rollout, index, JournalState.RUNNING, "");
    }

    @Override
    public void progress(int index, String detail) {
        journal.step(rollout, index, JournalState.RUNNING, detail);
    }

    @Override
    public void finished(int index, AppliedStep step) {
        JournalState state = switch (step.status()) {
            case DONE -> JournalState.DONE;
            case FAILED -> JournalState.FAILED;
            case SKIPPED -> JournalState.SKIPPED;
        };
        journal.step(rollout, index, state, step.error().orElse(""));
    }

    @Override
    public boolean superseded() {
        if (newerRevisionWaiting.getAsBoolean()) {
            superseded.set(true);
        }
        return superseded.get();
    }

    /** Whether the rollout was told to stop for a newer revision. */
    boolean wasSuperseded() {
        return superseded.get();
    }
}
