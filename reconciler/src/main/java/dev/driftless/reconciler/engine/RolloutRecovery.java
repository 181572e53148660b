package dev.driftless.reconciler.engine;

import dev.driftless.reconciler.engine.RolloutJournal.JournalEntry;
import dev.driftless.reconciler.engine.RolloutJournal.JournalState;
import dev.driftless.reconciler.engine.RolloutJournal.JournalStep;
import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.plan.Plan;
import dev.driftless.reconciler.plan.RecoveryPlanner;
import dev.driftless.reconciler.state.ObservedTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Finishes what a dead process left half-done (DESIGN.md, invariants 2 and 5). Called on start-up,
 * before the first reconcile, and by whoever wins leadership: every rollout the journal still
 * shows running, and that this process is not running, is closed as {@code interrupted} (or
 * {@code stuck} when its last journal write is older than the progress deadline), and the
 * containers it left aside or half-made are put back as they were before it, by a journaled
 * recovery rollout. The reconcile that follows plans from what is then observed: it finishes the
 * rollout, health-gated, if its revision is still the desired one, or goes to the one desired now.
 */
public final class RolloutRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(RolloutRecovery.class);

    /** The default progress deadline ({@code driftless.rollout.progress-deadline}). */
    public static final Duration DEFAULT_PROGRESS_DEADLINE = Duration.ofMinutes(10);

    private final RolloutJournal journal;
    private final TargetObserver observer;
    private final PlanExecutor executor;
    private final Clock clock;
    private final Duration progressDeadline;
    private final ReconcileMetrics metrics;

    public RolloutRecovery(RolloutJournal journal, TargetObserver observer, PlanExecutor executor, Clock clock,
            Duration progressDeadline, ReconcileMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progressDeadline = Objects.requireNonNull(progressDeadline, "progressDeadline");
    }

    /** What recovery found and did, app by app. */
    public record Recovered(String app, String revision, JournalState closedAs, Plan repairs, boolean repaired) {
    }

    /**
     * Recovers every unfinished rollout of a process that is gone. Throws only when the journal
     * cannot be read; an engine that cannot be observed leaves the rollouts unfinished, for the
     * next attempt.
     *
     * @return one entry per app recovered, empty when the journal had nothing unfinished
     */
    public List<Recovered> recoverUnfinished() {
        List<JournalEntry> unfinished = journal.unfinished();
        if (unfinished.isEmpty()) {
            return List.of();
        }
        ObservedTarget observed = observer.observe();
        Set<String> apps = new LinkedHashSet<>();
        List<Recovered> recovered = new ArrayList<>();
        for (JournalEntry entry : unfinished) {
            boolean stuck = entry.updatedAt().plus(progressDeadline).isBefore(clock.instant());
            JournalState closedAs = stuck ? JournalState.STUCK : JournalState.INTERRUPTED;
            String why = (stuck ? "no progress for more than " + progressDeadline.toMinutes() + " min"
                    : "the process running it stopped") + lastStep(entry) + "; recovered on " + clock.instant();
            journal.finish(entry.id(), closedAs, why);
            metrics.rolloutRecovered(entry.app(), closedAs.label());
            if (stuck) {
                metrics.rolledOut(entry.app(), "stuck");
            }
            LOG.warn("rollout {} of app {} at {} was left unfinished ({}); recovering it", entry.id(), entry.app(),
                    entry.revision(), why);
            if (!apps.add(entry.app())) {
                continue;
            }
            Plan repairs = RecoveryPlanner.plan(observed.app(entry.app()), entry.revision(),
                    restartsLeft(unfinished, entry.app()));
            boolean repaired = true;
            if (!repairs.isEmpty()) {
                long id = journal.begin(entry.app(), entry.revision(), Trigger.RECOVERY.label(), repairs.actions());
                List<AppliedStep> steps = executor.execute(repairs, new JournalStepLog(journal, id, () -> false));
                repaired = steps.stream().allMatch(step -> step.status() == AppliedStep.Status.DONE);
                journal.finish(id, repaired ? JournalState.DONE : JournalState.FAILED, steps.stream()
                        .flatMap(step -> step.error().stream()).findFirst().orElse(""));
            }
            recovered.add(new Recovered(entry.app(), entry.revision(), closedAs, repairs, repaired));
        }
        return recovered;
    }

    /** The containers whose restart step ({@code depends_on.restart}) the unfinished rollouts of {@code app} did not finish. */
    private static Set<String> restartsLeft(List<JournalEntry> unfinished, String app) {
        return unfinished.stream().filter(entry -> entry.app().equals(app))
                .flatMap(entry -> entry.steps().stream())
                .filter(step -> step.kind().equals(Action.Kind.RESTART.verb())
                        && (step.state() == JournalState.PENDING || step.state() == JournalState.RUNNING))
                .map(JournalStep::subject)
                .collect(java.util.stream.Collectors.toSet());
    }

    private static String lastStep(JournalEntry entry) {
        return entry.steps().stream()
                .filter(step -> step.state() == JournalState.RUNNING || step.state() == JournalState.FAILED)
                .reduce((first, second) -> second)
                .map(RolloutRecovery::describe)
                .orElse("");
    }

    private static String describe(JournalStep step) {
        return " during step " + (step.index() + 1) + " (" + step.kind() + " " + step.subject()
                + (step.detail().isEmpty() ? "" : ": " + step.detail()) + ")";
    }
}
