package dev.driftless.reconciler.recovery;

import dev.driftless.reconciler.engine.RolloutJournal;
import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.testing.ForwardingJournal;

import java.io.PrintStream;
import java.util.List;

/**
 * The real journal, counting its writes: once write number {@code crashAfter} is committed, it says
 * so on standard output ({@code BOUNDARY n ...}) and holds every further write forever, so that
 * the test can kill the process with SIGKILL exactly at that journal step boundary.
 */
final class CrashingJournal extends ForwardingJournal {

    static final String BOUNDARY = "BOUNDARY ";

    private final int crashAfter;
    private final PrintStream out;
    private int writes;

    CrashingJournal(RolloutJournal journal, int crashAfter, PrintStream out) {
        super(journal);
        this.crashAfter = crashAfter;
        this.out = out;
    }

    int writes() {
        return writes;
    }

    @Override
    public synchronized long begin(String app, String revision, String trigger, List<Action> steps) {
        holdIfPastBoundary();
        long id = super.begin(app, revision, trigger, steps);
        wrote("begin " + trigger + " rollout of " + steps.size() + " steps");
        return id;
    }

    @Override
    public synchronized void step(long rollout, int index, JournalState state, String detail) {
        holdIfPastBoundary();
        super.step(rollout, index, state, detail);
        wrote("step " + (index + 1) + " " + state.label() + (detail.isEmpty() ? "" : ": " + detail.lines().findFirst()
                .orElse("")));
    }

    @Override
    public synchronized void finish(long rollout, JournalState state, String error) {
        holdIfPastBoundary();
        super.finish(rollout, state, error);
        wrote("finish " + state.label());
    }

    private void wrote(String what) {
        writes++;
        if (writes == crashAfter) {
            out.println(BOUNDARY + writes + " " + what);
            out.flush();
        }
    }

    /** Past the boundary nothing more reaches the journal: the process waits for its SIGKILL. */
    private void holdIfPastBoundary() {
        while (crashAfter > 0 && writes >= crashAfter) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
