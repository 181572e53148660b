package dev.driftless.reconciler.testing;

import dev.driftless.reconciler.engine.RolloutJournal;
import dev.driftless.reconciler.plan.Action;

import java.util.List;

/** A journal that hands every call to a real one; tests override the writes they want to watch. */
public abstract class ForwardingJournal implements RolloutJournal {

    private final RolloutJournal journal;

    protected ForwardingJournal(RolloutJournal journal) {
        this.journal = journal;
    }

    @Override
    public long begin(String app, String revision, String trigger, List<Action> steps) {
        return journal.begin(app, revision, trigger, steps);
    }

    @Override
    public void step(long rollout, int index, JournalState state, String detail) {
        journal.step(rollout, index, state, detail);
    }

    @Override
    public void finish(long rollout, JournalState state, String error) {
        journal.finish(rollout, state, error);
    }

    @Override
    public List<JournalEntry> unfinished() {
        return journal.unfinished();
    }

    @Override
    public List<JournalEntry> recent(String app, int limit) {
        return journal.recent(app, limit);
    }
}
