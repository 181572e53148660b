package dev.driftless.reconciler.daemon;

import dev.driftless.manifests.secrets.DecryptionKeys;
import dev.driftless.manifests.layout.AppLayout;
import dev.driftless.manifests.layout.AppLocation;
import dev.driftless.providers.source.PollPolicy;
import dev.driftless.providers.source.PollSchedule;
import dev.driftless.providers.source.RemoteHeads;
import dev.driftless.providers.source.Revision;
import dev.driftless.providers.source.SourceRef;
import dev.driftless.providers.source.SourceStatus;
import dev.driftless.providers.webhook.PushEvent;
import dev.driftless.reconciler.engine.AffectedApps;
import dev.driftless.reconciler.engine.AppOutcome;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.engine.ReconcileReport;
import dev.driftless.reconciler.engine.ReconcileScope;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.engine.Targets;
import dev.driftless.manifests.config.TargetConfig;
import dev.driftless.reconciler.engine.RetryBackoff;
import dev.driftless.reconciler.engine.RolloutHistory;
import dev.driftless.reconciler.engine.RolloutJournal;
import dev.driftless.reconciler.engine.RolloutListener;
import dev.driftless.reconciler.engine.Snapshot;
import dev.driftless.reconciler.engine.SourceUnavailableException;
import dev.driftless.manifests.layout.DesiredStateRenderer;
import dev.driftless.reconciler.plan.Plan;
import dev.driftless.reconciler.engine.SuspendedApps;
import dev.driftless.reconciler.engine.Trigger;
import dev.driftless.reconciler.history.StoredTriggers;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.source.GitDesiredStateSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.SplittableRandom;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Everything the daemon does for one source: its git cache, its reconciler, its queue, its poll
 * timer, and what it last saw (to tell which apps a push touched).
 */
public final class SourceRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceRunner.class);

    private final SourceDefinition definition;
    private final GitDesiredStateSource source;
    private final Reconciler reconciler;
    private final CoalescingQueue queue;
    private final AtomicReference<ReconcileReport> lastReport = new AtomicReference<>();
    private final PollSchedule schedule;
    private final AtomicReference<SourceStatus> status;
    private final AtomicBoolean pollQueued = new AtomicBoolean();
    private volatile Map<String, String> appFolders = Map.of();
    private final Map<String, AppStatus> apps = new java.util.concurrent.ConcurrentHashMap<>();
    private final Clock clock;
    private final SuspendedApps suspendedApps;
    private final BooleanSupplier leader;
    private final StoredTriggers handOff;
    private final StoredAppStatuses shared;

    /**
     * @param progressDeadline how long a rollout may go without progress before it is stopped as stuck
     * @param leader whether this instance holds the lease: only then does it reconcile
     * @param handOff where a request goes when it does not: the leader takes it from the store
     */
    SourceRunner(SourceDefinition definition, Path cacheDirectory, RemoteHeads heads, Targets targets,
            RolloutHistory history, ReconcileMetrics metrics, Clock clock, Executor reconciles,
            RolloutListener listener, SuspendedApps suspended, DecryptionKeys keys, RolloutJournal journal,
            RetryBackoff backoff, Duration progressDeadline, BooleanSupplier leader, StoredTriggers handOff,
            StoredAppStatuses shared) {
        this.definition = definition;
        this.shared = shared;
        this.leader = leader;
        this.handOff = handOff;
        this.clock = clock;
        this.suspendedApps = suspended;
        this.schedule = new PollSchedule(PollPolicy.every(definition.pollInterval()), clock, new SplittableRandom());
        this.status = new AtomicReference<>(schedule.first());
        this.source = new GitDesiredStateSource(definition.spec(), cacheDirectory, heads);
        this.queue = new CoalescingQueue(reconciles, this::runOnce);
        this.reconciler = new Reconciler(source, targets.observer(TargetConfig.local()),
                targets.executor(TargetConfig.local()), history, metrics.forSource(definition.id()),
                PlanPolicy.defaults(), clock, new Progress(listener), suspended, keys).withRollouts(journal, backoff,
                queue::webhookWaiting, progressDeadline).withTargets(targets);
    }

    /**
     * A reconcile of every app, now: the first one once this instance leads (start-up or
     * takeover); the daemon's timer asks for the polls after it (see {@link #pollDue}).
     */
    void start(Trigger trigger) {
        LOG.info("source {}: following {}, polling every {} ({})", definition.id(), definition.spec(),
                definition.pollInterval(), trigger.label());
        pollQueued.set(true);
        queue.submit(trigger, ReconcileScope.ALL);
    }

    /** Whether a poll is due and none is queued yet: the daemon's timer then calls {@link #poll}. */
    boolean pollDue(Instant now) {
        return !pollQueued.get() && status.get().isDue(now);
    }

    /**
     * Queues a poll that reads the remote through {@code round}, shared with the other sources of
     * the same repository. Every poll is a full reconcile, so it also heals drift.
     */
    void poll(RemoteHeads.Round round) {
        if (pollQueued.compareAndSet(false, true)) {
            source.useRound(round);
            queue.submit(Trigger.POLL, ReconcileScope.ALL);
        }
    }

    /** When the source was last read, how it went, and when it is read next: a stopped poller shows here. */
    public SourceStatus status() {
        return status.get();
    }

    public String id() {
        return definition.id();
    }

    public SourceDefinition definition() {
        return definition;
    }

    /** Whether the push moved the ref this source follows (a pinned commit follows none). */
    public boolean follows(PushEvent push) {
        if (!push.appliesTo(definition.id(), definition.spec().url())) {
            return false;
        }
        SourceRef ref = definition.spec().ref();
        if (ref instanceof SourceRef.Branch branch) {
            return push.matchesRef("refs/heads/" + branch.name());
        }
        if (ref instanceof SourceRef.TagPattern pattern) {
            return push.isTag() && pattern.matches(push.ref().substring("refs/tags/".length()));
        }
        return false;
    }

    /** The apps of this source a push touched, judged by the layout of the last revision read. */
    public Optional<ReconcileScope> scopeOf(PushEvent push) {
        return AffectedApps.of(push.changedPaths(), definition.spec().path(), appFolders);
    }

    /**
     * Asks for a reconcile soon; returns at once (see {@link CoalescingQueue}).
     *
     * @return false when it was merged into a reconcile already waiting
     */
    public boolean request(Trigger trigger, ReconcileScope scope) {
        if (!leader.getAsBoolean()) {
            handOff.write(definition.id(), trigger, scope);
            return true;
        }
        return queue.submit(trigger, scope);
    }

    /**
     * The target called {@code name} as {@code driftless.yaml} declares it at {@code revision}, read
     * from this source's git cache; empty when this source has no such revision or no such target.
     */
    public Optional<TargetConfig> targetAt(String revision, String name) {
        try {
            return Optional.ofNullable(DesiredStateRenderer.targets(source.at(revision).tree()).get(name));
        } catch (SourceUnavailableException | RuntimeException e) {
            LOG.debug("source {}: no target {} at {}: {}", definition.id(), name, revision, e.getMessage());
            return Optional.empty();
        }
    }

    public Optional<ReconcileReport> lastReport() {
        return Optional.ofNullable(lastReport.get());
    }

    private void runOnce(Trigger trigger, ReconcileScope scope) {
        try {
            if (!leader.getAsBoolean()) {
                // Lost the lease while this waited: the leader reconciles from what it observes.
                LOG.info("source {}: not the leader, {} reconcile of {} left to the leader", definition.id(),
                        trigger.label(), scope);
                return;
            }
            reconcileAndRecord(trigger, scope);
        } finally {
            // Only now, with the status updated, may the timer judge whether the next poll is due.
            pollQueued.set(false);
        }
    }

    private void reconcileAndRecord(Trigger trigger, ReconcileScope scope) {
        ReconcileReport report = reconciler.reconcile(trigger, scope);
        lastReport.set(report);
        status.updateAndGet(previous -> report.snapshot()
                .map(snapshot -> schedule.succeeded(previous, new Revision(snapshot.revision(), snapshot.subject(),
                        "", Instant.EPOCH)))
                .orElseGet(() -> schedule.failed(previous, report.sourceError().orElse("unknown error"), true)));
        report.snapshot().ifPresent(snapshot -> {
            appFolders = AppLayout.discover(snapshot.tree(), source.repoName()).apps().stream()
                    .collect(Collectors.toUnmodifiableMap(AppLocation::name, AppLocation::directory));
            Instant now = clock.instant();
            report.outcomes().forEach(outcome -> apps.put(outcome.app(),
                    AppStatus.of(definition.id(), revisionOf(outcome, snapshot.revision()), outcome, now,
                            reconciler.lastFailure(outcome.app()), report.withoutContainers().contains(outcome.app()))));
            if (scope instanceof ReconcileScope.All) {
                // Apps gone from the repo leave the list; suspended ones keep their last status.
                Set<String> reported = report.outcomes().stream().map(AppOutcome::app).collect(Collectors.toSet());
                apps.keySet().removeIf(app -> !reported.contains(app) && !suspendedApps.isSuspended(app));
            }
            share();
        });
    }

    /**
     * Marks an app {@code Progressing} while its rollout runs, here and in the store (so a standby
     * says it too), then tells the source's own listener.
     */
    private final class Progress implements RolloutListener {

        private final RolloutListener next;

        Progress(RolloutListener next) {
            this.next = next;
        }

        @Override
        public void started(Snapshot snapshot, Plan plan) {
            Instant now = clock.instant();
            apps.compute(plan.app(), (app, before) -> before == null
                    ? AppStatus.first(app, definition.id(), plan.revision(), now)
                    : before.progressing(plan.revision(), now));
            share();
            next.started(snapshot, plan);
        }

        @Override
        public void finished(Snapshot snapshot, AppOutcome outcome) {
            next.finished(snapshot, outcome);
        }
    }

    /** Writes the statuses to the store for the standbys; a refused write (lease lost) is theirs to redo. */
    private void share() {
        try {
            shared.replace(definition.id(), Map.copyOf(apps));
        } catch (RuntimeException e) {
            LOG.warn("source {}: app statuses not recorded in the store: {}", definition.id(), e.getMessage());
        }
    }

    /** The revision an outcome is about: its plan's (a rollback pins an older one), else the one read. */
    private static String revisionOf(AppOutcome outcome, String read) {
        if (outcome instanceof AppOutcome.Applied applied) {
            return applied.plan().revision();
        }
        if (outcome instanceof AppOutcome.InSync inSync) {
            return inSync.plan().revision();
        }
        if (outcome instanceof AppOutcome.Drifted drifted) {
            return drifted.plan().revision();
        }
        return read;
    }

    /**
     * The last known status of each app of this source, by name: this instance's own while it
     * leads, else what the leader wrote to the store.
     */
    public Map<String, AppStatus> apps() {
        if (!leader.getAsBoolean()) {
            try {
                return Map.copyOf(shared.read(definition.id()));
            } catch (RuntimeException e) {
                LOG.debug("source {}: app statuses not read from the store: {}", definition.id(), e.getMessage());
            }
        }
        return Map.copyOf(apps);
    }

    @Override
    public void close() {
        source.close();
    }
}
