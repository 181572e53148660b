package dev.driftless.reconciler.engine;

import dev.driftless.manifests.config.TargetConfig;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finishes what a dead process left half-done (DESIGN.md, invariants 2 and 5). Called on start-up,
 * before the first reconcile, and by whoever wins leadership: every rollout the journal still
 * shows running, and that this process is not running, is closed as {@code interrupted} (or
 * {@code stuck} when its last journal write is older than the progress deadline), and the
 * containers it left aside or half-made are put back as they were before it, by a journaled
 * recovery rollout. The reconcile that follows plans from what is then observed: it finishes the
 * rollout, health-gated, if its revision is still the desired one, or goes to the one desired now.
 *
 * <p>Each rollout is repaired on the target it ran on; a target that cannot be reached keeps its
 * rollouts for a later pass and does not hold back the others.
 */
public final class RolloutRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(RolloutRecovery.class);

    /** The default progress deadline ({@code driftless.rollout.progress-deadline}). */
    public static final Duration DEFAULT_PROGRESS_DEADLINE = Duration.ofMinutes(10);

    private final RolloutJournal journal;
    private final Targets targets;
    private final TargetLookup lookup;
    private final Clock clock;
    private final Duration progressDeadline;
    private final ReconcileMetrics metrics;

    /** Recovery of the local engine only, through {@code observer} and {@code executor}. */
    public RolloutRecovery(RolloutJournal journal, TargetObserver observer, PlanExecutor executor, Clock clock,
            Duration progressDeadline, ReconcileMetrics metrics) {
        this(journal, Targets.localOnly(observer, executor), TargetLookup.LOCAL_ONLY, clock, progressDeadline,
                metrics);
    }

    /**
     * Recovery of every target: a rollout is repaired on the engine it ran on, found by
     * {@code lookup} from the target name and revision the journal kept.
     */
    public RolloutRecovery(RolloutJournal journal, Targets targets, TargetLookup lookup, Clock clock,
            Duration progressDeadline, ReconcileMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progressDeadline = Objects.requireNonNull(progressDeadline, "progressDeadline");
    }

    /**
     * Which engine a journaled rollout ran on: the journal keeps the target's name only, its
     * address is in {@code driftless.yaml} (at the rollout's revision, or as the daemon knows it now).
     */
    @FunctionalInterface
    public interface TargetLookup {

        /** Knows the local target only. */
        TargetLookup LOCAL_ONLY = (target, revision) -> TargetConfig.LOCAL.equals(target)
                ? Optional.of(TargetConfig.local()) : Optional.empty();

        Optional<TargetConfig> find(String target, String revision);
    }

    /** What recovery found and did, app by app, on the target the rollout ran on. */
    public record Recovered(String app, String target, String revision, JournalState closedAs, Plan repairs,
            boolean repaired) {
    }

    /**
     * What one pass of recovery did, and the targets it could not recover yet (by name, with why):
     * their rollouts stay unfinished in the journal for the next pass.
     */
    public record Result(List<Recovered> recovered, Map<String, String> pending) {

        public Result {
            recovered = List.copyOf(recovered);
            pending = Map.copyOf(pending);
        }

        /** Whether nothing is left for a next pass. */
        public boolean complete() {
            return pending.isEmpty();
        }
    }

    /**
     * Recovers every unfinished rollout of a process that is gone, target by target. Throws only
     * when the journal cannot be read; a target that cannot be found or observed leaves its
     * rollouts unfinished, for the next attempt, and the other targets are recovered all the same.
     *
     * @return one entry per app and target recovered, and the targets left for later
     */
    public Result recoverUnfinished() {
        List<JournalEntry> unfinished = journal.unfinished();
        Map<String, List<JournalEntry>> byTarget = new LinkedHashMap<>();
        unfinished.forEach(entry -> byTarget.computeIfAbsent(entry.target(), name -> new ArrayList<>()).add(entry));
        List<Recovered> recovered = new ArrayList<>();
        Map<String, String> pending = new TreeMap<>();
        byTarget.forEach((name, entries) -> {
            Optional<TargetConfig> target = entries.stream()
                    .map(entry -> lookup.find(name, entry.revision()))
                    .flatMap(Optional::stream)
                    .findFirst();
            if (target.isEmpty()) {
                pending.put(name, "target '" + name + "' is not declared in driftless.yaml");
                LOG.warn("{} unfinished rollout(s) on target {} wait: no driftless.yaml read so far declares it",
                        entries.size(), name);
                return;
            }
            ObservedTarget observed;
            try {
                observed = targets.observer(target.get()).observe();
            } catch (RuntimeException e) {
                // As for the local engine when it is down: the rollouts stay unfinished until it answers.
                pending.put(name, "cannot observe the target '" + name + "': " + e.getMessage());
                LOG.warn("{} unfinished rollout(s) on target {} wait until it can be observed: {}", entries.size(),
                        name, e.getMessage());
                return;
            }
            recovered.addAll(recoverOn(target.get(), observed, entries));
        });
        return new Result(recovered, pending);
    }

    private List<Recovered> recoverOn(TargetConfig target, ObservedTarget observed, List<JournalEntry> unfinished) {
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
            LOG.warn("rollout {} of app {} at {} on target {} was left unfinished ({}); recovering it", entry.id(),
                    entry.app(), entry.revision(), target.name(), why);
            if (!apps.add(entry.app())) {
                continue;
            }
            Plan repairs = RecoveryPlanner.plan(observed.app(entry.app()), entry.revision(),
                    restartsLeft(unfinished, entry.app()));
            boolean repaired = true;
            if (!repairs.isEmpty()) {
                long id = journal.begin(entry.app(), entry.revision(), Trigger.RECOVERY.label(), repairs.actions(),
                        target.name());
                List<AppliedStep> steps = targets.executor(target).execute(repairs,
                        new JournalStepLog(journal, id, () -> false));
                repaired = steps.stream().allMatch(step -> step.status() == AppliedStep.Status.DONE);
                journal.finish(id, repaired ? JournalState.DONE : JournalState.FAILED, steps.stream()
                        .flatMap(step -> step.error().stream()).findFirst().orElse(""));
            }
            recovered.add(new Recovered(entry.app(), target.name(), entry.revision(), closedAs, repairs, repaired));
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
