package dev.driftless.reconciler.engine;

import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.config.GroupConfig;
import dev.driftless.manifests.config.TargetConfig;
import dev.driftless.manifests.layout.AppPlacement;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * One reconcile of one source against its targets: read the revision, render it, then for each
 * target its apps are placed on, observe the target, plan each app, apply, record. A target that
 * cannot be observed fails its apps there (nothing is pruned on it); the others proceed. An app
 * whose targets roll out one after the other ({@link GroupConfig.Order#SEQUENTIAL}) reaches a
 * target only once the targets before it took the revision. The small contract at the centre of Driftless; the
 * daemon's scheduler and the one-shot commands both call it.
 *
 * <p>Not thread-safe by design: the caller runs one reconcile of a source at a time.
 */
public final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final DesiredStateSource source;
    private final Targets targets;
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
    /** The drift already counted, by app and target: counted once, not on every poll that still sees it. */
    private final LastRender lastRender;
    private final Map<String, Set<String>> reportedDrift = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, List<String>> reportedWarnings = new java.util.concurrent.ConcurrentHashMap<>();

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
        this(source, Targets.localOnly(observer, executor), history, metrics, policy, clock, listener, suspended,
                keys, RolloutJournal.NONE, RetryBackoff.defaults(), () -> false, RolloutRecovery.DEFAULT_PROGRESS_DEADLINE,
                new LastRender());
    }

    private Reconciler(DesiredStateSource source, Targets targets,
            RolloutHistory history, ReconcileMetrics metrics, PlanPolicy policy, Clock clock, RolloutListener listener,
            SuspendedApps suspended, DecryptionKeys keys, RolloutJournal journal, RetryBackoff backoff,
            BooleanSupplier newerRevisionWaiting, Duration progressDeadline, LastRender lastRender) {
        this.lastRender = lastRender;
        this.keys = keys;
        this.progressDeadline = progressDeadline;
        this.journal = journal;
        this.backoff = backoff;
        this.newerRevisionWaiting = newerRevisionWaiting;
        this.suspended = suspended;
        this.listener = listener;
        this.source = source;
        this.targets = targets;
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
        return new Reconciler(source, targets, history, metrics, policy, clock, listener, suspended,
                keys, journal, backoff, newerRevisionWaiting, progressDeadline, lastRender);
    }

    /** This reconciler, deploying to every target {@code targets} drives instead of the local engine only. */
    public Reconciler withTargets(Targets targets) {
        return new Reconciler(source, targets, history, metrics, policy, clock, listener, suspended,
                keys, journal, backoff, newerRevisionWaiting, progressDeadline, lastRender);
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
        RenderedRepo all = lastRender.of(snapshot.revision(),
                () -> DesiredStateRenderer.render(snapshot.tree(), source.repoName(), keys, System.getenv()));
        List<TargetPreview> parts = new ArrayList<>();
        for (TargetConfig target : targetsOf(all)) {
            parts.add(previewOn(target, snapshot, all, scope));
        }
        Map<String, AppPlacement> placements = new TreeMap<>();
        all.apps().forEach(app -> placements.put(app.name(), all.placement(app.name())));
        Set<String> reportOnly = all.apps().stream().map(DesiredApp::name)
                .filter(app -> !all.placement(app).sync().selfHeal()).collect(Collectors.toSet());
        return Preview.of(snapshot, parts, failures(withoutSuspended(inScope(all, scope)), Optional.empty()),
                placements, reportOnly);
    }

    /**
     * The targets this reconciler drives that the revision's apps are placed on, then the local
     * engine (when driven) so that apps that left it are pruned. A target comes after every target
     * a sequential placement lists before it, so that one reconcile carries a revision through the
     * whole order; placements that contradict each other leave the rest in the order first named
     * (an app then waits for the next reconcile on the target that came too early).
     */
    private List<TargetConfig> targetsOf(RenderedRepo rendered) {
        Map<String, TargetConfig> found = new LinkedHashMap<>();
        List<AppPlacement> placements = rendered.apps().stream().map(app -> rendered.placement(app.name())).toList();
        placements.forEach(placement -> placement.targets().stream().filter(targets::drives)
                .forEach(target -> found.putIfAbsent(target.name(), target)));
        Map<String, Set<String>> after = predecessors(placements);
        TargetConfig local = TargetConfig.local();
        if (targets.drives(local) && found.values().stream().noneMatch(Targets::isLocal)) {
            found.put(local.name(), local);
        }
        List<TargetConfig> ordered = new ArrayList<>();
        Set<String> placed = new TreeSet<>();
        while (ordered.size() < found.size()) {
            TargetConfig next = found.values().stream().filter(target -> !placed.contains(target.name()))
                    .filter(target -> placed.containsAll(after.getOrDefault(target.name(), Set.of())))
                    .findFirst()
                    .orElseGet(() -> found.values().stream().filter(target -> !placed.contains(target.name()))
                            .findFirst().orElseThrow());
            ordered.add(next);
            placed.add(next.name());
        }
        return ordered;
    }

    /** Observes one target and plans the apps placed on it. */
    private TargetPreview previewOn(TargetConfig target, Snapshot snapshot, RenderedRepo all, ReconcileScope scope) {
        RenderedRepo inScope = inScope(onTarget(all, target), scope);
        RenderedRepo rendered = withoutSuspended(inScope);
        ObservedTarget observed;
        try {
            observed = targets.observer(target).observe();
            metrics.targetUp(target.name(), true);
        } catch (RuntimeException e) {
            metrics.targetUp(target.name(), false);
            Map<String, String> unobserved = new TreeMap<>();
            rendered.apps().forEach(app -> unobserved.put(app.name(),
                    "cannot observe the target '" + target.name() + "': " + e.getMessage()));
            return new TargetPreview(target, Optional.empty(), List.of(), unobserved, Map.of());
        }
        List<Plan> plans = new ArrayList<>();
        Map<String, List<Drift>> drift = new TreeMap<>();
        Map<String, String> pinFailures = new TreeMap<>();
        for (DesiredApp app : rendered.apps()) {
            try {
                plans.add(reviewed(target, Planner.plan(app, snapshot.revision(), observed.app(app.name()),
                        policy.forApp(rendered.placement(app.name()).sync())).from(source.identity()), app, drift));
            } catch (UnplannableException e) {
                pinFailures.put(app.name(), e.getMessage());
            }
        }
        planPinned(target, inScope, observed, scope, plans, pinFailures, drift);
        Set<String> known = new TreeSet<>(rendered.failures().keySet());
        rendered.apps().forEach(app -> known.add(app.name()));
        // An app that left the repo (or this target) is pruned only when the revision rendered
        // cleanly and is not empty: a broken or empty checkout must never look like "delete everything".
        if (scope instanceof ReconcileScope.All && !all.apps().isEmpty() && all.failures().isEmpty()) {
            for (String app : observed.appNames()) {
                // Only apps this repository deployed: another source's apps on the same engine are
                // not "removed from the repo".
                if (!known.contains(app) && !suspended.isSuspended(app)
                        && OwnershipLabels.deployedFrom(observed.app(app), source.identity(),
                        source.repoName())) {
                    plans.add(OptOut.honour(Planner.planRemoval(observed.app(app), snapshot.revision(), policy)));
                }
            }
        }
        return new TargetPreview(target, Optional.of(observed), plans, pinFailures, drift);
    }

    /**
     * The plan with its drift named (when the app already reached the plan's revision on this
     * target, whatever differs was done by hand), completed one-shot services and opted-out
     * containers left alone.
     */
    private Plan reviewed(TargetConfig target, Plan plan, DesiredApp app, Map<String, List<Drift>> drift) {
        if (plan.isEmpty()) {
            // Nothing differs, so nothing is drift: spare the in-sync poll its history read.
            return plan;
        }
        boolean deployed = history.last(plan.app(), target.name())
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
    private void planPinned(TargetConfig target, RenderedRepo inScope, ObservedTarget observed,
            ReconcileScope scope, List<Plan> plans, Map<String, String> failures, Map<String, List<Drift>> drift) {
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
                if (desired.isPresent() && !placedOn(old, app, target)) {
                    continue;
                } else if (desired.isPresent()) {
                    plans.add(reviewed(target, Planner.plan(desired.get(), pin.get(), observed.app(app),
                            policy.forApp(old.placement(app).sync())).from(source.identity()), desired.get(), drift));
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
        preview.renderFailures().forEach((app, error) -> {
            LOG.warn("app {} at {} not reconciled: {}", app, snapshot.shortRevision(), error);
            AppOutcome outcome = new AppOutcome.Failed(app, error);
            finish(outcome, TargetConfig.LOCAL, snapshot, trigger, started, "", error);
            listener.finished(snapshot, outcome);
            outcomes.add(outcome);
        });

        Map<String, Map<String, AppOutcome>> byTarget = new ConcurrentSkipListMap<>();
        for (List<TargetPreview> wave : waves(preview)) {
            sideBySide(wave, part -> {
                String target = part.target().name();
                part.failures().forEach((app, error) -> {
                    LOG.warn("app {} on target {} at {} not reconciled: {}", app, target, snapshot.shortRevision(),
                            error);
                    AppOutcome outcome = new AppOutcome.Failed(app, error);
                    finish(outcome, target, snapshot, trigger, started, "", error);
                    byTarget.computeIfAbsent(app, key -> new ConcurrentSkipListMap<>()).put(target, outcome);
                });
                for (Plan plan : part.plans()) {
                    AppOutcome outcome = reconcileOn(part.target(), plan, snapshot, trigger, started,
                            heldBack(plan, part.target(), preview.placements(), byTarget),
                            part.drift().getOrDefault(plan.app(), List.of()), preview.reportOnly().contains(plan.app()));
                    byTarget.computeIfAbsent(plan.app(), key -> new ConcurrentSkipListMap<>()).put(target, outcome);
                }
            });
        }
        byTarget.forEach((app, perTarget) -> perTarget.values().stream()
                .filter(outcome -> outcome instanceof AppOutcome.Failed).findFirst()
                .ifPresent(failed -> listener.finished(snapshot, failed)));
        byTarget.values().forEach(perTarget -> outcomes.add(merged(perTarget)));
        Set<String> recount = new TreeSet<>();
        byTarget.values().forEach(perTarget -> perTarget.forEach((target, outcome) -> {
            if (outcome instanceof AppOutcome.Applied applied && !applied.keptContainerTally()) {
                recount.add(target);
            }
        }));
        Set<String> withoutContainers = reportContainers(preview, outcomes, recount);
        return new ReconcileReport(Optional.of(snapshot), outcomes, Optional.empty(), withoutContainers, byTarget);
    }

    /**
     * The targets in waves: a target's wave comes after the waves of every target a sequential
     * placement lists before it; the targets of one wave wait for nothing of each other's and are
     * reconciled side by side, so a parallel group's targets get the revision at the same time.
     */
    private List<List<TargetPreview>> waves(Preview preview) {
        Map<String, Set<String>> before = predecessors(preview.placements().values());
        Map<String, Integer> depth = new java.util.HashMap<>();
        List<List<TargetPreview>> waves = new ArrayList<>();
        for (TargetPreview part : preview.targets()) {
            String name = part.target().name();
            int wave = before.getOrDefault(name, Set.of()).stream().filter(depth::containsKey)
                    .mapToInt(earlier -> depth.get(earlier) + 1).max().orElse(0);
            depth.put(name, wave);
            while (waves.size() <= wave) {
                waves.add(new ArrayList<>());
            }
            waves.get(wave).add(part);
        }
        return waves;
    }

    /** For each target, the targets a sequential placement lists (and this reconciler drives) right before it. */
    private Map<String, Set<String>> predecessors(java.util.Collection<AppPlacement> placements) {
        Map<String, Set<String>> before = new TreeMap<>();
        for (AppPlacement placement : placements) {
            List<TargetConfig> driven = placement.targets().stream().filter(targets::drives).toList();
            for (int i = 1; i < driven.size() && placement.order() == GroupConfig.Order.SEQUENTIAL; i++) {
                before.computeIfAbsent(driven.get(i).name(), key -> new TreeSet<>()).add(driven.get(i - 1).name());
            }
        }
        return before;
    }

    /** Runs {@code work} for each part, on threads of its own when there are several, and waits for all. */
    private static void sideBySide(List<TargetPreview> parts, java.util.function.Consumer<TargetPreview> work) {
        if (parts.size() == 1) {
            work.accept(parts.get(0));
            return;
        }
        ExecutorService threads = Executors.newFixedThreadPool(parts.size(), runnable -> {
            Thread thread = new Thread(runnable, "driftless-target");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = parts.stream().map(part -> threads.submit(() -> work.accept(part)))
                    .collect(Collectors.toList());
            for (Future<?> each : running) {
                each.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the targets were reconciled", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            threads.shutdown();
        }
    }

    /** One app on one target: in sync, held back (by its sequential order or the retry backoff), or rolled out. */
    private AppOutcome reconcileOn(TargetConfig target, Plan planned, Snapshot snapshot, Trigger trigger,
            Instant started, Optional<String> waiting, List<Drift> drift, boolean reportOnly) {
        reportWarnings(planned, target);
        reportDrift(planned.app(), target, drift);
        // With selfHeal off, drift is only reported, until a new commit or an explicit sync.
        boolean heal = drift.isEmpty() || !reportOnly || trigger == Trigger.API || trigger == Trigger.CLI;
        Plan plan = heal ? planned : new DriftReview.Reviewed(planned, drift).withoutHealing();
        AppOutcome outcome;
        String lane = lane(plan.app(), target);
        Optional<RetryBackoff.Failure> held = backoff.holding(lane, plan.revision(), clock.instant());
        if (plan.isEmpty() && !heal) {
            LOG.info("app {} on target {} drifted; selfHeal is off, so it is only reported: {}", plan.app(),
                    target.name(), drift.stream().map(Drift::describe).collect(Collectors.joining("; ")));
            outcome = new AppOutcome.Drifted(plan, drift);
        } else if (plan.isEmpty()) {
            backoff.succeeded(lane);
            outcome = new AppOutcome.InSync(plan.app(), plan);
        } else if (waiting.isPresent()) {
            outcome = new AppOutcome.Failed(plan.app(), waiting.get());
        } else if (held.isPresent()) {
            outcome = new AppOutcome.Failed(plan.app(), "revision " + abbreviate(plan.revision()) + " failed ("
                    + held.get().attempts() + " attempt(s)); next try at " + held.get().nextAttempt() + ": "
                    + held.get().error());
        } else {
            LOG.info("app {} on target {} at {}: {}", plan.app(), target.name(), snapshot.shortRevision(),
                    plan.summary());
            listener.started(at(snapshot, plan.revision()), plan);
            outcome = rollOut(target, plan, trigger, treeOf(plan, snapshot));
        }
        String error = outcome instanceof AppOutcome.Applied applied ? applied.error()
                : outcome instanceof AppOutcome.Drifted drifted ? drifted.describe() : waiting.orElse("");
        finish(outcome, target.name(), at(snapshot, plan.revision()), trigger, started,
                outcome instanceof AppOutcome.Drifted ? "drift reported, not healed" : describe(plan), error);
        if (outcome instanceof AppOutcome.Applied) {
            listener.finished(at(snapshot, plan.revision()), outcome);
        }
        return outcome;
    }

    /**
     * Why {@code plan} must wait on {@code target}: the app rolls out one target after the other,
     * and a target before this one did not take the revision in this reconcile (its rollout failed,
     * it could not be observed, or it is itself waiting). Empty when it may go ahead.
     */
    private Optional<String> heldBack(Plan plan, TargetConfig target, Map<String, AppPlacement> placements,
            Map<String, Map<String, AppOutcome>> byTarget) {
        AppPlacement placement = placements.get(plan.app());
        if (placement == null || placement.order() != GroupConfig.Order.SEQUENTIAL || plan.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AppOutcome> done = byTarget.getOrDefault(plan.app(), Map.of());
        for (TargetConfig before : placement.targets()) {
            if (before.name().equals(target.name())) {
                break;
            }
            if (!targets.drives(before)) {
                continue;
            }
            AppOutcome outcome = done.get(before.name());
            boolean took = outcome instanceof AppOutcome.InSync
                    || outcome instanceof AppOutcome.Applied applied && applied.succeeded();
            if (!took) {
                return Optional.of("not rolled out to target '" + target.name() + "', which keeps what it runs: "
                        + "the targets roll out one after the other and target '" + before.name()
                        + "' did not take revision " + abbreviate(plan.revision())
                        + (outcome == null ? " yet" : " (" + firstLine(errorOf(outcome)) + ")"));
            }
        }
        return Optional.empty();
    }

    /** An app's outcome over its targets: the worst of them, a failure naming its target. */
    private static AppOutcome merged(Map<String, AppOutcome> perTarget) {
        AppOutcome worst = null;
        for (AppOutcome outcome : perTarget.values()) {
            if (worst == null || rank(outcome) > rank(worst)) {
                worst = outcome;
            }
        }
        if (perTarget.size() > 1 && worst instanceof AppOutcome.Failed) {
            List<String> errors = new ArrayList<>();
            perTarget.forEach((target, outcome) -> {
                if (!errorOf(outcome).isEmpty()) {
                    errors.add("target " + target + ": " + errorOf(outcome));
                }
            });
            return new AppOutcome.Failed(worst.app(), String.join("\n", errors));
        }
        return worst;
    }

    private static int rank(AppOutcome outcome) {
        if (outcome instanceof AppOutcome.Applied applied) {
            return applied.succeeded() ? 1 : 3;
        }
        return outcome instanceof AppOutcome.Failed ? 2 : 0;
    }

    private static String errorOf(AppOutcome outcome) {
        if (outcome instanceof AppOutcome.Applied applied) {
            return applied.error();
        }
        return outcome instanceof AppOutcome.Failed failed ? failed.error() : "";
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    /** The key an app's retry backoff is kept under on a target: its name on the local one, as before targets. */
    private static String lane(String app, TargetConfig target) {
        return Targets.isLocal(target) ? app : app + "@" + target.name();
    }

    private static boolean placedOn(RenderedRepo rendered, String app, TargetConfig target) {
        return rendered.placement(app).targets().stream().anyMatch(placed -> placed.name().equals(target.name()));
    }

    /**
     * Carries out one plan as a journaled rollout: the rollout and all its steps are written before
     * the first runs, each step before and after it runs, and the end with how it went.
     */
    AppOutcome.Applied rollOut(Plan plan, Trigger trigger, RepoTree tree) {
        return rollOut(TargetConfig.local(), plan, trigger, tree);
    }

    private AppOutcome.Applied rollOut(TargetConfig target, Plan plan, Trigger trigger, RepoTree tree) {
        long id = journal.begin(plan.app(), plan.revision(), trigger.label(), plan.actions(), target.name());
        JournalStepLog log = new JournalStepLog(journal, id, newerRevisionWaiting, clock,
                Optional.of(progressDeadline));
        AppOutcome.Applied applied = new AppOutcome.Applied(plan.app(), plan,
                targets.executor(target).execute(plan, log, tree));
        RolloutJournal.JournalState state = applied.succeeded() ? RolloutJournal.JournalState.DONE
                : log.wasStuck() ? RolloutJournal.JournalState.STUCK
                : log.wasSuperseded() ? RolloutJournal.JournalState.SUPERSEDED : RolloutJournal.JournalState.FAILED;
        if (state == RolloutJournal.JournalState.STUCK) {
            applied = applied.stuck("stuck: no progress within the progress deadline of "
                    + progressDeadline.toString().substring(2).toLowerCase(Locale.ROOT)
                    + "; stopped, the previous containers put back");
            LOG.warn("app {} on target {}: rollout {} {}", plan.app(), target.name(), id, applied.error());
        }
        journal.finish(id, state, applied.error());
        if (applied.succeeded()) {
            backoff.succeeded(lane(plan.app(), target));
        } else if (state == RolloutJournal.JournalState.FAILED || state == RolloutJournal.JournalState.STUCK) {
            backoff.failed(lane(plan.app(), target), plan.revision(), clock.instant(), applied.error());
        }
        return applied;
    }

    private static String abbreviate(String revision) {
        return revision.length() > 12 ? revision.substring(0, 12) : revision;
    }

    private void finish(AppOutcome outcome, String target, Snapshot snapshot, Trigger trigger, Instant started,
            String summary, String error) {
        Instant finished = clock.instant();
        metrics.reconciled(outcome.app(), target, outcome.result(), Duration.between(started, finished));
        RolloutEntry entry = new RolloutEntry(outcome.app(), snapshot.revision(), trigger.label(), started, finished,
                outcome.result(), summary, error, target);
        if (!(outcome instanceof AppOutcome.Applied)
                && history.last(outcome.app(), target).map(entry::repeats).orElse(false)) {
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
    private void reportDrift(String app, TargetConfig target, List<Drift> drift) {
        String lane = lane(app, target);
        Set<String> now = drift.stream().map(found -> found.kind().label() + " " + found.subject())
                .collect(Collectors.toSet());
        Set<String> before = reportedDrift.getOrDefault(lane, Set.of());
        drift.stream().filter(found -> !before.contains(found.kind().label() + " " + found.subject()))
                .forEach(found -> {
                    LOG.warn("app {} on target {}: drift: {}", app, target.name(), found.describe());
                    metrics.driftDetected(app, found.kind().label());
                });
        if (now.isEmpty()) {
            reportedDrift.remove(lane);
        } else {
            reportedDrift.put(lane, now);
        }
    }

    /**
     * Logs a plan's warnings when they differ from the last ones logged for the app on the target:
     * a warning that holds for every poll ("pruning is off: its containers are kept") is said once,
     * not every minute, and again only after it went away and came back.
     */
    private void reportWarnings(Plan plan, TargetConfig target) {
        String lane = lane(plan.app(), target);
        List<String> before = plan.warnings().isEmpty() ? reportedWarnings.remove(lane)
                : reportedWarnings.put(lane, plan.warnings());
        if (!plan.warnings().equals(before == null ? List.of() : before)) {
            plan.warnings().forEach(warning -> LOG.warn("app {} on target {}: {}", plan.app(), target.name(), warning));
        }
    }

    /**
     * Counts the managed containers on each target: from the observation the plans were made from
     * when nothing applied there changed the count (the usual poll, which thus stays one observation,
     * and the usual deploy, which replaces running containers with running ones), else from a fresh
     * list of its containers.
     *
     * @param recountOn the targets where a plan carried out in this reconcile may have changed the count
     * @return the apps of {@code outcomes} with no container on any target; none when a target could not be seen
     */
    private Set<String> reportContainers(Preview preview, List<AppOutcome> outcomes, Set<String> recountOn) {
        Set<String> withContainers = new TreeSet<>();
        boolean allSeen = true;
        for (TargetPreview part : preview.targets()) {
            String target = part.target().name();
            try {
                ObservedTarget after = recountOn.contains(target) || part.observed().isEmpty()
                        ? targets.observer(part.target()).observeContainers() : part.observed().get();
                after.apps().forEach((app, observed) -> {
                    metrics.managedContainers(app, target, observed.containers().stream().collect(Collectors.groupingBy(
                            container -> container.state().name().toLowerCase(Locale.ROOT),
                            TreeMap::new, Collectors.summingInt(container -> 1))));
                    if (!observed.containers().isEmpty()) {
                        withContainers.add(app);
                    }
                });
                metrics.targetUp(target, true);
            } catch (RuntimeException e) {
                allSeen = false;
                metrics.targetUp(target, false);
                LOG.debug("could not count containers on target {} after the reconcile: {}", target, e.getMessage());
            }
        }
        if (!allSeen) {
            return Set.of();
        }
        return outcomes.stream().map(AppOutcome::app).filter(app -> !withContainers.contains(app))
                .collect(Collectors.toSet());
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
     * The apps placed on {@code target}: an app placed elsewhere never runs there, so leaving it
     * out neither creates nor keeps anything on that engine.
     */
    private static RenderedRepo onTarget(RenderedRepo rendered, TargetConfig target) {
        List<DesiredApp> placed = rendered.apps().stream().filter(app -> placedOn(rendered, app.name(), target))
                .toList();
        return placed.size() == rendered.apps().size() ? rendered : keeping(rendered, placed, rendered.failures());
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
        Map<String, AppPlacement> placements = new TreeMap<>();
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
     * @param observed what the local target ran when the plans were made (absent when it could not
     *     be seen, or is not one of the targets)
     * @param plans every target's plans, target after target
     * @param failures apps that cannot be planned, with the reason (manifest problems with file,
     *     line and column, or an unobservable target)
     * @param targets each target's part, in the order the reconcile visits them
     * @param placements where each rendered app runs, and in which order its targets roll out
     */
    public record Preview(Optional<Snapshot> snapshot, Optional<ObservedTarget> observed, List<Plan> plans,
            Map<String, String> failures, Optional<String> sourceError, List<TargetPreview> targets,
            Map<String, AppPlacement> placements, Set<String> reportOnly) {

        public Preview {
            plans = List.copyOf(plans);
            failures = Map.copyOf(failures);
            targets = List.copyOf(targets);
            placements = Map.copyOf(placements);
            reportOnly = Set.copyOf(reportOnly);
        }

        /** A preview in which every app heals its drift. */
        public Preview(Optional<Snapshot> snapshot, Optional<ObservedTarget> observed, List<Plan> plans,
                Map<String, String> failures, Optional<String> sourceError, List<TargetPreview> targets,
                Map<String, AppPlacement> placements) {
            this(snapshot, observed, plans, failures, sourceError, targets, placements, Set.of());
        }

        static Preview unreadable(String error) {
            return new Preview(Optional.empty(), Optional.empty(), List.of(), Map.of(), Optional.of(error), List.of(),
                    Map.of());
        }

        /** @param renderFailures the apps that did not render, which no target's part holds */
        static Preview of(Snapshot snapshot, List<TargetPreview> parts, Map<String, String> renderFailures,
                Map<String, AppPlacement> placements, Set<String> reportOnly) {
            Map<String, String> failures = new TreeMap<>(renderFailures);
            for (TargetPreview part : parts) {
                part.failures().forEach((app, error) -> failures.merge(app, error,
                        (earlier, later) -> earlier + "\n" + later));
            }
            return new Preview(Optional.of(snapshot),
                    parts.stream().filter(part -> Targets.isLocal(part.target())).findFirst()
                            .flatMap(TargetPreview::observed),
                    parts.stream().flatMap(part -> part.plans().stream()).toList(), failures, Optional.empty(), parts,
                    placements, reportOnly);
        }

        /** The apps that did not render, as opposed to those a target could not plan. */
        Map<String, String> renderFailures() {
            Map<String, String> only = new TreeMap<>(failures);
            targets.forEach(part -> only.keySet().removeAll(part.failures().keySet()));
            return only;
        }

        public boolean hasChanges() {
            return plans.stream().anyMatch(plan -> !plan.isEmpty());
        }

        public List<Action> actions() {
            return plans.stream().flatMap(plan -> plan.actions().stream()).toList();
        }
    }

    /**
     * One target's part of a preview.
     *
     * @param observed what it ran, absent when it could not be observed
     * @param failures its apps that cannot be planned there, with the reason
     * @param drift what was done by hand there to apps at a revision they had already reached, by app
     */
    public record TargetPreview(TargetConfig target, Optional<ObservedTarget> observed, List<Plan> plans,
            Map<String, String> failures, Map<String, List<Drift>> drift) {

        public TargetPreview {
            plans = List.copyOf(plans);
            failures = Map.copyOf(failures);
            drift = Map.copyOf(drift);
        }
    }
}
