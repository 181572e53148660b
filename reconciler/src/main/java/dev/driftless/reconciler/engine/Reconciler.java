package dev.driftless.reconciler.engine;

import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.config.TargetConfig;
import dev.driftless.manifests.layout.DesiredStateRenderer;
import dev.driftless.manifests.layout.InMemoryRepoTree;
import dev.driftless.manifests.layout.RenderedRepo;
import dev.driftless.manifests.layout.RepoTree;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.secrets.DecryptionKeys;
import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.plan.Drift;
import dev.driftless.reconciler.plan.DriftReview;
import dev.driftless.reconciler.plan.OptOut;
import dev.driftless.reconciler.plan.Plan;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.plan.Planner;
import dev.driftless.reconciler.plan.UnplannableException;
import dev.driftless.reconciler.state.ObservedTarget;
import dev.driftless.reconciler.state.OwnershipLabels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * One reconcile of one source against one target: read the revision, render it, observe the
 * target, plan each app, apply, record. The small contract at the centre of Driftless; the
 * daemon's scheduler and the one-shot commands both call it.
 *
 * <p>Not thread-safe by design: the caller runs one reconcile of a source at a time.
 */
public final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final DesiredStateSource source;
    private final TargetObserver observer;
    private final PlanExecutor executor;
    private final RolloutHistory history;
    private final ReconcileMetrics metrics;
    private final PlanPolicy policy;
    private final Clock clock;
    private final RolloutListener listener;
    private final SuspendedApps suspended;
    private final DecryptionKeys keys;
    private final RolloutJournal journal;
    private final RetryBackoff backoff;
    private final BooleanSupplier newerRevisionWaiting;
    private final Duration progressDeadline;
    /** The drift already counted, by app: counted once, not on every poll that still sees it. */
    private final Map<String, Set<String>> reportedDrift = new java.util.concurrent.ConcurrentHashMap<>();

    public Reconciler(DesiredStateSource source, TargetObserver observer, PlanExecutor executor, RolloutHistory history,
            ReconcileMetrics metrics, PlanPolicy policy, Clock clock) {
        this(source, observer, executor, history, metrics, policy, clock, RolloutListener.NONE);
    }

    public Reconciler(DesiredStateSource source, TargetObserver observer, PlanExecutor executor, RolloutHistory history,
            ReconcileMetrics metrics, PlanPolicy policy, Clock clock, RolloutListener listener) {
        this(source, observer, executor, history, metrics, policy, clock, listener, SuspendedApps.NONE);
    }

    public Reconciler(DesiredStateSource source, TargetObserver observer, PlanExecutor executor, RolloutHistory history,
            ReconcileMetrics metrics, PlanPolicy policy, Clock clock, RolloutListener listener,
            SuspendedApps suspended) {
        this(source, observer, executor, history, metrics, policy, clock, listener, suspended, DecryptionKeys.NONE);
    }

    /**
     * @param keys the age identities secret env files are decrypted with while rendering; given by
     *     the caller (the daemon's configuration, the CLI's environment), never read from the repo
     */
    public Reconciler(DesiredStateSource source, TargetObserver observer, PlanExecutor executor, RolloutHistory history,
            ReconcileMetrics metrics, PlanPolicy policy, Clock clock, RolloutListener listener,
            SuspendedApps suspended, DecryptionKeys keys) {
        this(source, observer, executor, history, metrics, policy, clock, listener, suspended, keys,
                RolloutJournal.NONE, RetryBackoff.defaults(), () -> false, RolloutRecovery.DEFAULT_PROGRESS_DEADLINE);
    }

    private Reconciler(DesiredStateSource source, TargetObserver observer, PlanExecutor executor,
            RolloutHistory history, ReconcileMetrics metrics, PlanPolicy policy, Clock clock, RolloutListener listener,
            SuspendedApps suspended, DecryptionKeys keys, RolloutJournal journal, RetryBackoff backoff,
            BooleanSupplier newerRevisionWaiting, Duration progressDeadline) {
        this.keys = keys;
        this.progressDeadline = progressDeadline;
        this.journal = journal;
        this.backoff = backoff;
        this.newerRevisionWaiting = newerRevisionWaiting;
        this.suspended = suspended;
        this.listener = listener;
        this.source = source;
        this.observer = observer;
        this.executor = executor;
        this.history = history;
        this.metrics = metrics;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * This reconciler, journaling every rollout in {@code journal}, holding failed revisions back
     * by {@code backoff}, and ending a rollout that waits on a health gate at a safe point when
     * {@code newerRevisionWaiting} says a newer revision (or any new request) is queued.
     */
    public Reconciler withRollouts(RolloutJournal journal, RetryBackoff backoff, BooleanSupplier newerRevisionWaiting) {
        return withRollouts(journal, backoff, newerRevisionWaiting, progressDeadline);
    }

    /**
     * Likewise, and a rollout that makes no progress for longer than {@code progressDeadline}
     * (a health gate that never decides, by default 10 minutes) is stopped at its next safe point,
     * its previous containers put back, and closed as stuck.
     */
    public Reconciler withRollouts(RolloutJournal journal, RetryBackoff backoff, BooleanSupplier newerRevisionWaiting,
            Duration progressDeadline) {
        return new Reconciler(source, observer, executor, history, metrics, policy, clock, listener, suspended,
                keys, journal, backoff, newerRevisionWaiting, progressDeadline);
    }

    /** The app's last failed rollout and when it is tried again, if its revision has not succeeded since. */
    public Optional<RetryBackoff.Failure> lastFailure(String app) {
        return backoff.last(app);
    }

    /** Reads, renders, observes and plans every app, changing nothing: what {@code driftless plan} shows. */
    public Preview preview() {
        return preview(ReconcileScope.ALL);
    }

    /** Reads, renders, observes and plans the apps in {@code scope}, changing nothing. */
    public Preview preview(ReconcileScope scope) {
        Snapshot snapshot;
        Instant started = clock.instant();
        try {
            snapshot = source.latest();
            metrics.sourceRead(true, Duration.between(started, clock.instant()));
        } catch (SourceUnavailableException e) {
            metrics.sourceRead(false, Duration.between(started, clock.instant()));
            return Preview.unreadable(e.getMessage());
        }
        RenderedRepo inScope = inScope(onLocalEngine(
                DesiredStateRenderer.render(snapshot.tree(), source.repoName(), keys, System.getenv())), scope);
        RenderedRepo rendered = withoutSuspended(inScope);
        ObservedTarget observed;
        try {
            observed = observer.observe();
            metrics.targetReachable(true);
        } catch (RuntimeException e) {
            metrics.targetReachable(false);
            return new Preview(Optional.of(snapshot), Optional.empty(), List.of(),
                    failures(rendered, Optional.of("cannot observe the target: " + e.getMessage())), Optional.empty());
        }
        List<Plan> plans = new ArrayList<>();
        Map<String, List<Drift>> drift = new TreeMap<>();
        Map<String, String> pinFailures = new TreeMap<>();
        for (DesiredApp app : rendered.apps()) {
            try {
                plans.add(reviewed(Planner.plan(app, snapshot.revision(), observed.app(app.name()), policy)
                        .from(source.repoName()), app, drift));
            } catch (UnplannableException e) {
                pinFailures.put(app.name(), e.getMessage());
            }
        }
        planPinned(inScope, observed, scope, plans, pinFailures, drift);
        Set<String> known = new TreeSet<>(rendered.failures().keySet());
        rendered.apps().forEach(app -> known.add(app.name()));
        // An app that left the repo is pruned only when the revision rendered cleanly and is not
        // empty: a broken or empty checkout must never look like "delete everything".
        if (scope instanceof ReconcileScope.All && !rendered.apps().isEmpty() && rendered.failures().isEmpty()) {
            for (String app : observed.appNames()) {
                // Only apps this repository deployed: another source's apps on the same engine are
                // not "removed from the repo".
                if (!known.contains(app) && !suspended.isSuspended(app)
                        && OwnershipLabels.deployedFrom(observed.app(app).containers(), source.repoName())) {
                    plans.add(OptOut.honour(Planner.planRemoval(observed.app(app), snapshot.revision(), policy)));
                }
            }
        }
        Map<String, String> failures = new TreeMap<>(failures(rendered, Optional.empty()));
        failures.putAll(pinFailures);
        Set<String> reportOnly = rendered.apps().stream().map(DesiredApp::name)
                .filter(app -> !rendered.placement(app).sync().selfHeal()).collect(Collectors.toSet());
        return new Preview(Optional.of(snapshot), Optional.of(observed), plans, failures, Optional.empty(), drift,
                reportOnly);
    }

    /**
     * The plan with its drift named (when the app already reached the plan's revision, whatever
     * differs was done by hand), completed one-shot services and opted-out containers left alone.
     */
    private Plan reviewed(Plan plan, DesiredApp app, Map<String, List<Drift>> drift) {
        boolean deployed = history.last(plan.app())
                .map(last -> last.revision().equals(plan.revision()) && !last.result().equals("failed"))
                .orElse(false);
        DriftReview.Reviewed reviewed = DriftReview.review(plan, app, deployed);
        if (!reviewed.drift().isEmpty()) {
            drift.put(plan.app(), reviewed.drift());
        }
        return reviewed.plan();
    }

    /**
     * Apps pinned by a rollback are planned from the revision they are pinned to, whatever the
     * branch says now; a revision that cannot be read or rendered fails the app, and nothing of it
     * is changed.
     */
    private void planPinned(RenderedRepo inScope, ObservedTarget observed, ReconcileScope scope, List<Plan> plans,
            Map<String, String> failures, Map<String, List<Drift>> drift) {
        Set<String> candidates = new TreeSet<>(observed.appNames());
        inScope.apps().forEach(app -> candidates.add(app.name()));
        candidates.addAll(inScope.failures().keySet());
        Map<String, RenderedRepo> byRevision = new java.util.HashMap<>();
        for (String app : candidates) {
            Optional<String> pin = suspended.pinnedRevision(app);
            if (pin.isEmpty() || !scope.includes(app)) {
                continue;
            }
            try {
                RenderedRepo old = byRevision.get(pin.get());
                if (old == null) {
                    old = DesiredStateRenderer.render(source.at(pin.get()).tree(), source.repoName(), keys, System.getenv());
                    byRevision.put(pin.get(), old);
                }
                Optional<DesiredApp> desired = old.apps().stream().filter(found -> found.name().equals(app)).findFirst();
                if (desired.isPresent()) {
                    plans.add(reviewed(Planner.plan(desired.get(), pin.get(), observed.app(app), policy)
                            .from(source.repoName()), desired.get(), drift));
                } else {
                    failures.put(app, "cannot roll back to " + pin.get() + ": the app does not render there"
                            + old.failures().getOrDefault(app, List.of()).stream().map(ManifestProblem::toString)
                                    .map(problem -> "\n" + problem).collect(Collectors.joining()));
                }
            } catch (SourceUnavailableException | UnplannableException e) {
                failures.put(app, "cannot roll back to " + pin.get() + ": " + e.getMessage());
            }
        }
    }

    /** Reconciles every app of the source once. Never throws for a bad revision or a dead engine. */
    public ReconcileReport reconcile(Trigger trigger) {
        return reconcile(trigger, ReconcileScope.ALL);
    }

    /** Reconciles the apps in {@code scope} once. Never throws for a bad revision or a dead engine. */
    public ReconcileReport reconcile(Trigger trigger, ReconcileScope scope) {
        Instant started = clock.instant();
        Preview preview = preview(scope);
        if (preview.sourceError().isPresent()) {
            LOG.warn("cannot read {}: {}", source.location(), preview.sourceError().get());
            return new ReconcileReport(Optional.empty(), List.of(), preview.sourceError());
        }
        Snapshot snapshot = preview.snapshot().orElseThrow();
        List<AppOutcome> outcomes = new ArrayList<>();
        preview.failures().forEach((app, error) -> {
            LOG.warn("app {} at {} not reconciled: {}", app, snapshot.shortRevision(), error);
            AppOutcome outcome = new AppOutcome.Failed(app, error);
            finish(outcome, snapshot, trigger, started, "", error);
            listener.finished(snapshot, outcome);
            outcomes.add(outcome);
        });
        for (Plan planned : preview.plans()) {
            planned.warnings().forEach(warning -> LOG.warn("app {}: {}", planned.app(), warning));
            List<Drift> drift = preview.drift().getOrDefault(planned.app(), List.of());
            reportDrift(planned.app(), drift);
            // With selfHeal off, drift is only reported, until a new commit or an explicit sync.
            boolean heal = drift.isEmpty() || !preview.reportOnly().contains(planned.app())
                    || trigger == Trigger.API || trigger == Trigger.CLI;
            Plan plan = heal ? planned : new DriftReview.Reviewed(planned, drift).withoutHealing();
            AppOutcome outcome;
            Optional<RetryBackoff.Failure> held = backoff.holding(plan.app(), plan.revision(), clock.instant());
            if (plan.isEmpty() && !heal) {
                LOG.info("app {} drifted; selfHeal is off, so it is only reported: {}", plan.app(), drift.stream()
                        .map(Drift::describe).collect(Collectors.joining("; ")));
                outcome = new AppOutcome.Drifted(plan, drift);
            } else if (plan.isEmpty()) {
                backoff.succeeded(plan.app());
                outcome = new AppOutcome.InSync(plan.app(), plan);
            } else if (held.isPresent()) {
                outcome = new AppOutcome.Failed(plan.app(), "revision " + abbreviate(plan.revision()) + " failed ("
                        + held.get().attempts() + " attempt(s)); next try at " + held.get().nextAttempt() + ": "
                        + held.get().error());
            } else {
                LOG.info("app {} at {}: {}", plan.app(), snapshot.shortRevision(), plan.summary());
                listener.started(at(snapshot, plan.revision()), plan);
                outcome = rollOut(plan, trigger, treeOf(plan, snapshot));
            }
            String error = outcome instanceof AppOutcome.Applied applied ? applied.error()
                    : outcome instanceof AppOutcome.Drifted drifted ? drifted.describe() : "";
            finish(outcome, at(snapshot, plan.revision()), trigger, started,
                    outcome instanceof AppOutcome.Drifted ? "drift reported, not healed" : describe(plan), error);
            if (outcome instanceof AppOutcome.Applied) {
                listener.finished(at(snapshot, plan.revision()), outcome);
            }
            outcomes.add(outcome);
        }
        Set<String> withoutContainers = reportContainers(preview, outcomes);
        return new ReconcileReport(Optional.of(snapshot), outcomes, Optional.empty(), withoutContainers);
    }

    /**
     * Carries out one plan as a journaled rollout: the rollout and all its steps are written before
     * the first runs, each step before and after it runs, and the end with how it went.
     */
    AppOutcome.Applied rollOut(Plan plan, Trigger trigger, RepoTree tree) {
        long id = journal.begin(plan.app(), plan.revision(), trigger.label(), plan.actions());
        JournalStepLog log = new JournalStepLog(journal, id, newerRevisionWaiting, clock,
                Optional.of(progressDeadline));
        AppOutcome.Applied applied = new AppOutcome.Applied(plan.app(), plan, executor.execute(plan, log, tree));
        RolloutJournal.JournalState state = applied.succeeded() ? RolloutJournal.JournalState.DONE
                : log.wasStuck() ? RolloutJournal.JournalState.STUCK
                : log.wasSuperseded() ? RolloutJournal.JournalState.SUPERSEDED : RolloutJournal.JournalState.FAILED;
        if (state == RolloutJournal.JournalState.STUCK) {
            applied = applied.stuck("stuck: no progress within the progress deadline of "
                    + progressDeadline.toString().substring(2).toLowerCase(Locale.ROOT)
                    + "; stopped, the previous containers put back");
            LOG.warn("app {}: rollout {} {}", plan.app(), id, applied.error());
        }
        journal.finish(id, state, applied.error());
        if (applied.succeeded()) {
            backoff.succeeded(plan.app());
        } else if (state == RolloutJournal.JournalState.FAILED || state == RolloutJournal.JournalState.STUCK) {
            backoff.failed(plan.app(), plan.revision(), clock.instant(), applied.error());
        }
        return applied;
    }

    private static String abbreviate(String revision) {
        return revision.length() > 12 ? revision.substring(0, 12) : revision;
    }

    private void finish(AppOutcome outcome, Snapshot snapshot, Trigger trigger, Instant started, String summary,
            String error) {
        Instant finished = clock.instant();
        metrics.reconciled(outcome.app(), outcome.result(), Duration.between(started, finished));
        RolloutEntry entry = new RolloutEntry(outcome.app(), snapshot.revision(), trigger.label(), started, finished,
                outcome.result(), summary, error);
        if (!(outcome instanceof AppOutcome.Applied) && history.last(outcome.app()).map(entry::repeats).orElse(false)) {
            // A poll that finds the same revision in the same state (in sync, or failing the same
            // way) adds nothing to the history; the metrics still count it.
            return;
        }
        history.record(entry);
        if (outcome instanceof AppOutcome.Applied applied) {
            metrics.rolledOut(outcome.app(), rolloutResult(applied, snapshot, trigger));
        }
    }

    /** A rollout's result as the metrics name it. */
    private String rolloutResult(AppOutcome.Applied applied, Snapshot snapshot, Trigger trigger) {
        if (applied.wasStuck()) {
            return "stuck";
        }
        if (!applied.succeeded()) {
            return "failed";
        }
        if (suspended.pinnedRevision(applied.app()).map(pin -> pin.equals(applied.plan().revision())).orElse(false)) {
            return "rolled_back";
        }
        return trigger == Trigger.RECOVERY ? "recovered" : "succeeded";
    }

    /**
     * Counts each drift once, when it is first seen: an app whose drift is only reported (selfHeal
     * off) shows it on every poll, but it is one drift until it is gone and comes back.
     */
    private void reportDrift(String app, List<Drift> drift) {
        Set<String> now = drift.stream().map(found -> found.kind().label() + " " + found.subject())
                .collect(Collectors.toSet());
        Set<String> before = reportedDrift.getOrDefault(app, Set.of());
        drift.stream().filter(found -> !before.contains(found.kind().label() + " " + found.subject()))
                .forEach(found -> {
                    LOG.warn("app {}: drift: {}", app, found.describe());
                    metrics.driftDetected(app, found.kind().label());
                });
        if (now.isEmpty()) {
            reportedDrift.remove(app);
        } else {
            reportedDrift.put(app, now);
        }
    }

    /**
     * Counts the managed containers: from the observation the plans were made from when nothing
     * was applied (the usual poll, which thus stays one list call), else from a fresh one.
     *
     * @return the apps of {@code outcomes} with no container at all; none when the target could not be seen
     */
    private Set<String> reportContainers(Preview preview, List<AppOutcome> outcomes) {
        try {
            boolean changed = outcomes.stream().anyMatch(outcome -> outcome instanceof AppOutcome.Applied);
            ObservedTarget after = changed || preview.observed().isEmpty() ? observer.observe()
                    : preview.observed().get();
            after.apps().forEach((app, observed) -> metrics.managedContainers(app, observed.containers().stream()
                    .collect(Collectors.groupingBy(container -> container.state().name().toLowerCase(Locale.ROOT),
                            TreeMap::new, Collectors.summingInt(container -> 1)))));
            metrics.targetReachable(true);
            return outcomes.stream().map(AppOutcome::app).filter(app -> after.app(app).containers().isEmpty())
                    .collect(Collectors.toSet());
        } catch (RuntimeException e) {
            metrics.targetReachable(false);
            LOG.debug("could not count containers after the reconcile: {}", e.getMessage());
            return Set.of();
        }
    }

    private static String describe(Plan plan) {
        if (plan.isEmpty()) {
            return "in sync";
        }
        return plan.summary() + ": " + plan.actions().stream()
                .map(action -> action.change().sign() + " " + action.subject() + " (" + action.reason() + ")")
                .collect(Collectors.joining("; "));
    }

    /**
     * The files a plan's images are built from: the latest snapshot's, or, for a plan pinned to an
     * earlier revision that builds an image, that revision's.
     */
    private RepoTree treeOf(Plan plan, Snapshot latest) {
        boolean builds = plan.actions().stream().anyMatch(action -> action instanceof Action.BuildImage);
        if (!builds || latest.revision().equals(plan.revision())) {
            return latest.tree();
        }
        try {
            return source.at(plan.revision()).tree();
        } catch (SourceUnavailableException e) {
            LOG.warn("cannot read revision {} to build the images of {}: {}", plan.revision(), plan.app(),
                    e.getMessage());
            return InMemoryRepoTree.of();
        }
    }

    /** The snapshot as of a plan's revision: the latest one, or the one a rollback pinned. */
    private static Snapshot at(Snapshot latest, String revision) {
        return latest.revision().equals(revision) ? latest : new Snapshot(revision, "rollback", latest.tree());
    }

    /**
     * The apps this reconciler deploys: those placed on the local engine it drives. An app that
     * {@code driftless.yaml} places only on other targets is left out until several targets are wired in;
     * it never runs here, so leaving it out neither creates nor keeps anything on this engine.
     */
    private static RenderedRepo onLocalEngine(RenderedRepo rendered) {
        List<DesiredApp> local = rendered.apps().stream()
                .filter(app -> rendered.placement(app.name()).targets().stream().anyMatch(TargetConfig::isLocalDefault))
                .toList();
        return local.size() == rendered.apps().size() ? rendered : keeping(rendered, local, rendered.failures());
    }

    /** A suspended app is left exactly as it runs: not planned, not failed, not removed. */
    private RenderedRepo withoutSuspended(RenderedRepo rendered) {
        Map<String, List<ManifestProblem>> failures = new TreeMap<>(rendered.failures());
        failures.keySet().removeIf(suspended::isSuspended);
        return keeping(rendered, rendered.apps().stream().filter(app -> !suspended.isSuspended(app.name())).toList(),
                failures);
    }

    private static RenderedRepo inScope(RenderedRepo rendered, ReconcileScope scope) {
        if (scope instanceof ReconcileScope.All) {
            return rendered;
        }
        Map<String, List<ManifestProblem>> failures = new TreeMap<>();
        rendered.failures().forEach((app, problems) -> {
            if (scope.includes(app)) {
                failures.put(app, problems);
            }
        });
        return keeping(rendered, rendered.apps().stream().filter(app -> scope.includes(app.name())).toList(), failures);
    }

    /** Part of a rendering: these apps and failures, each app with its placement (its sync policy among it). */
    private static RenderedRepo keeping(RenderedRepo rendered, List<DesiredApp> apps,
            Map<String, List<ManifestProblem>> failures) {
        Map<String, dev.driftless.manifests.layout.AppPlacement> placements = new TreeMap<>();
        apps.forEach(app -> placements.put(app.name(), rendered.placement(app.name())));
        return new RenderedRepo(apps, failures, rendered.warnings(), placements);
    }

    /** Render failures by app, plus every rendered app when the target could not be observed. */
    private static Map<String, String> failures(RenderedRepo rendered, Optional<String> everyApp) {
        Map<String, String> failures = new TreeMap<>();
        rendered.failures().forEach((app, problems) -> failures.put(app,
                problems.stream().map(ManifestProblem::toString).collect(Collectors.joining("\n"))));
        everyApp.ifPresent(error -> rendered.apps().forEach(app -> failures.put(app.name(), error)));
        return failures;
    }

    /**
     * What a reconcile would do now.
     *
     * @param observed what the target ran when the plans were made (absent when it could not be seen)
     * @param failures apps that cannot be planned, with the reason (manifest problems with file,
     *     line and column, or an unobservable target)
     * @param drift what was done by hand to apps at a revision they had already reached, by app
     * @param reportOnly the apps whose drift is only reported: {@code selfHeal: false}
     */
    public record Preview(Optional<Snapshot> snapshot, Optional<ObservedTarget> observed, List<Plan> plans,
            Map<String, String> failures, Optional<String> sourceError, Map<String, List<Drift>> drift,
            Set<String> reportOnly) {

        public Preview {
            plans = List.copyOf(plans);
            failures = Map.copyOf(failures);
            drift = Map.copyOf(drift);
            reportOnly = Set.copyOf(reportOnly);
        }

        /** A preview that found no drift. */
        public Preview(Optional<Snapshot> snapshot, Optional<ObservedTarget> observed, List<Plan> plans,
                Map<String, String> failures, Optional<String> sourceError) {
            this(snapshot, observed, plans, failures, sourceError, Map.of(), Set.of());
        }

        static Preview unreadable(String error) {
            return new Preview(Optional.empty(), Optional.empty(), List.of(), Map.of(), Optional.of(error));
        }

        public boolean hasChanges() {
            return plans.stream().anyMatch(plan -> !plan.isEmpty());
        }

        public List<Action> actions() {
            return plans.stream().flatMap(plan -> plan.actions().stream()).toList();
        }
    }
}
