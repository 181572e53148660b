package dev.driftless.reconciler.engine;

import dev.driftless.reconciler.engine.RolloutJournal.JournalState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Writes what the executor says about each step of one rollout into the journal, as it happens,
 * and tells it to stop at its next safe point when a newer revision waits or when nothing has
 * progressed for longer than the progress deadline (the rollout is then stuck).
 */
final class JournalStepLog implements StepLog {

    private final RolloutJournal journal;
    private final long rollout;
    private final BooleanSupplier newerRevisionWaiting;
    private final AtomicBoolean superseded = new AtomicBoolean();
    private final AtomicBoolean stuck = new AtomicBoolean();
    private final Clock clock;
    private final Optional<Duration> progressDeadline;
    private volatile Instant lastProgress;

    /** A log with no progress deadline: recovery's own short rollouts. */
    JournalStepLog(RolloutJournal journal, long rollout, BooleanSupplier newerRevisionWaiting) {
        this(journal, rollout, newerRevisionWaiting, Clock.systemUTC(), Optional.empty());
    }

    JournalStepLog(RolloutJournal journal, long rollout, BooleanSupplier newerRevisionWaiting, Clock clock,
            Optional<Duration> progressDeadline) {
        this.journal = journal;
        this.rollout = rollout;
        this.newerRevisionWaiting = newerRevisionWaiting;
        this.clock = clock;
        this.progressDeadline = progressDeadline;
        this.lastProgress = clock.instant();
    }

    @Override
    public void running(int index) {
        lastProgress = clock.instant();
        journal.step(rollout, index, JournalState.RUNNING, "");
    }

    @Override
    public void progress(int index, String detail) {
        lastProgress = clock.instant();
        journal.step(rollout, index, JournalState.RUNNING, detail);
    }

    @Override
    public void finished(int index, AppliedStep step) {
        lastProgress = clock.instant();
        JournalState state = switch (step.status()) {
            case DONE -> JournalState.DONE;
            case FAILED -> JournalState.FAILED;
            case SKIPPED -> JournalState.SKIPPED;
        };
        journal.step(rollout, index, state, step.error().orElse(""));
    }

    @Override
    public boolean superseded() {
        if (progressDeadline.isPresent() && clock.instant().isAfter(lastProgress.plus(progressDeadline.get()))) {
            stuck.set(true);
        } else if (newerRevisionWaiting.getAsBoolean()) {
            superseded.set(true);
        }
        return superseded.get() || stuck.get();
    }

    /** Whether the rollout was stopped for making no progress within its deadline. */
    boolean wasStuck() {
        return stuck.get();
    }

    /** Whether the rollout was told to stop for a newer revision. */
    boolean wasSuperseded() {
        return superseded.get() && !stuck.get();
    }
}
