package dev.driftless.reconciler.daemon;

import dev.driftless.manifests.secrets.DecryptionKeys;
import dev.driftless.providers.source.RemoteAccess;
import dev.driftless.providers.source.RemoteHeads;
import dev.driftless.providers.source.RemoteKey;
import dev.driftless.providers.source.Secret;
import dev.driftless.providers.status.StatusClientOptions;
import dev.driftless.providers.status.StatusClients;
import dev.driftless.providers.status.StatusMetrics;
import dev.driftless.providers.status.StatusPublisher;
import dev.driftless.providers.webhook.WebhookProvider;
import dev.driftless.providers.webhook.WebhookSecret;
import dev.driftless.reconciler.docker.BuildLogs;
import dev.driftless.reconciler.docker.ContainerEvents;
import dev.driftless.reconciler.engine.ReconcileScope;
import dev.driftless.reconciler.engine.Trigger;
import dev.driftless.reconciler.docker.DockerApplier;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.files.HostFiles;
import dev.driftless.reconciler.docker.DockerEngineException;
import dev.driftless.reconciler.docker.DockerObserver;
import dev.driftless.manifests.config.TargetConfig;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.engine.TargetObserver;
import dev.driftless.reconciler.engine.Targets;
import dev.driftless.reconciler.engine.RolloutJournal;
import dev.driftless.reconciler.engine.RolloutRecovery;
import dev.driftless.reconciler.engine.PlanExecutor;
import dev.driftless.reconciler.engine.RolloutHistory;
import dev.driftless.reconciler.engine.RolloutListener;
import dev.driftless.reconciler.history.StoredTriggers;
import dev.driftless.reconciler.lease.LeaderElection;
import dev.driftless.reconciler.lease.LeaseStore;
import dev.driftless.reconciler.state.ObservedTarget;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The running daemon: one {@link SourceRunner} per configured source, the threads they share, and
 * the webhook secrets of each. Started with the application context, stopped with it.
 */
@Context
@Requires(beans = DaemonSettings.class)
public final class Daemon {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    private static final java.time.Duration EVENTS_QUIET = java.time.Duration.ofSeconds(2);
    private static final java.time.Duration EVENTS_RETRY = java.time.Duration.ofSeconds(10);
    private static final java.time.Duration RECOVERY_RETRY = java.time.Duration.ofSeconds(10);

    private final DaemonSettings settings;
    private final EngineConnection engine;
    private final RolloutHistory history;
    private final ReconcileMetrics metrics;
    private final Clock clock;
    private final StatusMetrics statusMetrics;
    private final Suspensions suspensions;
    private final DecryptionKeys keys;
    private final RolloutJournal journal;
    private final RolloutSettings rollouts;
    private final java.util.concurrent.atomic.AtomicBoolean recoveryPending =
            new java.util.concurrent.atomic.AtomicBoolean(true);
    private final LeaderElection election;
    private final StoredTriggers triggers;
    private final LeadershipRecovery recovery;
    private final LeaseStore leases;
    private final StoredAppStatuses statuses;
    private Instant nextLogTrim = Instant.MIN;
    private volatile Instant nextRecoveryAttempt = Instant.MIN;
    private final Map<String, Boolean> targetUp = new java.util.concurrent.ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            daemonThreads("driftless-timer"));
    private final ExecutorService reconciles = Executors.newFixedThreadPool(4, daemonThreads("driftless-reconcile"));
    private final List<SourceRunner> runners = new ArrayList<>();
    private final RemoteHeads heads = new RemoteHeads(RemoteAccess.standard());
    /** Each target's event stream while this instance leads, by target name: drift is looked at when it happens. */
    private final Map<String, Following> events = new java.util.concurrent.ConcurrentHashMap<>();
    /** When each target's stream may be tried again, by target name. */
    private final Map<String, Instant> nextEventsAttempt = new java.util.concurrent.ConcurrentHashMap<>();
    /** Where streams are opened: an engine slow to answer holds up neither the timer nor the other targets. */
    private final ExecutorService eventsConnector = Executors.newCachedThreadPool(daemonThreads("driftless-events"));
    private final java.util.Set<String> driftDue = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private StatusClients statusClients;
    private StatusPublisher statusPublisher;

    public Daemon(DaemonSettings settings, EngineConnection engine, RolloutHistory history, ReconcileMetrics metrics,
            StatusMetrics statusMetrics, Suspensions suspensions, Clock clock, DecryptionKeys keys,
            RolloutJournal journal, RolloutSettings rollouts, LeaderElection election,
            StoredTriggers triggers, LeadershipRecovery recovery, LeaseStore leases, StoredAppStatuses statuses) {
        this.keys = keys;
        this.journal = journal;
        this.rollouts = rollouts;
        this.statuses = statuses;
        this.leases = leases;
        this.election = election;
        this.triggers = triggers;
        this.recovery = recovery;
        this.statusMetrics = statusMetrics;
        this.suspensions = suspensions;
        this.settings = settings;
        this.engine = engine;
        this.history = history;
        this.metrics = metrics;
        this.clock = clock;
    }

    @PostConstruct
    void start() {
        // Connecting asks the engine its version and changes nothing; started now, it overlaps the
        // rest of the start-up instead of delaying the first observation, and readiness, by ~0.6 s.
        Thread connect = new Thread(this::connectQuietly, "driftless-connect");
        connect.setDaemon(true);
        connect.start();
        if (settings.sources().stream().anyMatch(source -> source.status().isPresent())) {
            statusClients = StatusClients.create(StatusClientOptions.defaults());
            statusPublisher = StatusPublisher.start(256, 2, statusMetrics);
        }
        for (SourceDefinition source : settings.sources()) {
            RolloutListener listener = source.status()
                    .<RolloutListener>map(status -> new CommitStatusListener(status, statusClients, statusPublisher))
                    .orElse(RolloutListener.NONE);
            SourceRunner runner = new SourceRunner(source,
                    settings.dataDir().resolve("git").resolve(source.spec().cacheName()), heads,
                    targets(), history, metrics, clock, reconciles, listener, suspensions, keys,
                    journal, rollouts.backoff(), rollouts.progressDeadline(), election::isLeader, triggers, statuses);
            runners.add(runner);
        }
    }

    /**
     * Reconciling starts only once the HTTP server is up: a daemon that fails to start (its port
     * taken, its store locked) must not have touched the engine first. Even then only the
     * instance that holds the lease reconciles; the others serve the API and take webhooks.
     */
    @EventListener
    void serve(ServerStartupEvent started) {
        election.start(new LeaderElection.Listener() {
            @Override
            public void elected(long token, boolean takeover) {
                // Rollouts a former leader (or this process, before a crash) left unfinished are
                // closed and put right first; then the new leader looks at everything.
                recoveryPending.set(true);
                nextRecoveryAttempt = Instant.MIN;
                retryRecovery();
                recovery.recover(List.copyOf(runners), token, takeover);
            }

            @Override
            public void lost(long token) {
                // Nothing to undo: every mutation from now on is refused by the guard.
            }
        });
        timers.scheduleWithFixedDelay(this::leaderTick, 1, 1, TimeUnit.SECONDS);
        // Every instance looks at the target now and then (a read, no change), so a standby too
        // knows, and says in /health/readiness and target_up, whether it could take over.
        timers.scheduleWithFixedDelay(this::observeQuietly, 0, 30, TimeUnit.SECONDS);
    }

    private void connectQuietly() {
        try {
            engine.get();
        } catch (RuntimeException e) {
            LOG.debug("target {} not reached yet: {}", TargetConfig.LOCAL, e.getMessage());
        }
    }

    private void observeQuietly() {
        for (TargetConfig target : engine.known()) {
            try {
                observe(target);
            } catch (RuntimeException e) {
                LOG.debug("target {} not observed: {}", target.name(), e.getMessage());
            }
        }
    }

    /** Once a second, on the leader only: the requests standbys left in the store, then the polls due. */
    private void leaderTick() {
        if (!election.isLeader()) {
            stopFollowingEvents();
            return;
        }
        try {
            followEvents();
            suspensions.reload();
            for (StoredTriggers.StoredTrigger stored : triggers.takeAll()) {
                runner(stored.source()).ifPresentOrElse(runner -> runner.request(stored.trigger(), stored.scope()),
                        () -> LOG.warn("a stored request names source '{}', which this daemon does not follow",
                                stored.source()));
            }
            pollDueSources();
            forgetOldMutations();
        } catch (RuntimeException e) {
            // A store or a remote that fails now is tried again in a second; the timer must not die.
            LOG.warn("leader tick failed: {}", e.getMessage());
        }
    }

    /**
     * Follows the events of every known target while this instance leads (a subscription to the
     * engine's one event stream, which the kept observation shares), so that a container of ours
     * stopped, removed or renamed by hand on any engine is looked at within seconds rather than at
     * the next poll. A stream that ends (its engine restarted, or its connection was made anew) is
     * followed again, at most every 10 seconds; each target is subscribed to on a thread of its
     * own, so a target that is down holds up no other.
     */
    private void followEvents() {
        Instant now = clock.instant();
        for (TargetConfig target : engine.known()) {
            Following current = events.get(target.name());
            if ((current != null && current.alive().get())
                    || now.isBefore(nextEventsAttempt.getOrDefault(target.name(), Instant.MIN))) {
                continue;
            }
            nextEventsAttempt.put(target.name(), now.plus(EVENTS_RETRY));
            eventsConnector.execute(() -> follow(target));
        }
    }

    private void follow(TargetConfig target) {
        try {
            java.util.concurrent.atomic.AtomicBoolean alive = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.io.Closeable handle = ContainerEvents.follow(engine.get(target),
                    app -> driftMayHaveHappened(target.name(), app), () -> alive.set(false));
            close(events.put(target.name(), new Following(handle, alive)));
            if (!election.isLeader()) {
                // Lost the lease while this stream was being opened: the timer already stopped the others.
                close(events.remove(target.name()));
            }
        } catch (RuntimeException e) {
            LOG.debug("cannot follow the events of {}: {}", target.name(), e.getMessage());
        }
    }

    private void stopFollowingEvents() {
        events.keySet().forEach(target -> close(events.remove(target)));
        nextEventsAttempt.clear();
    }

    private static void close(Following following) {
        if (following != null) {
            try {
                following.handle().close();
            } catch (java.io.IOException e) {
                LOG.debug("closing an event stream: {}", e.getMessage());
            }
        }
    }

    /**
     * An event about one of the app's containers on {@code target}: after a short quiet time (a
     * rollout's own events come in bursts) the app is reconciled, as a drift check. Only apps a
     * source deployed are asked for. The check covers the app on all its targets: a reconcile's
     * scope names apps, not targets, and observing the others is a read.
     */
    private void driftMayHaveHappened(String target, String app) {
        if (!driftDue.add(app)) {
            return;
        }
        LOG.debug("an event of app {} on target {}: checking it for drift", app, target);
        timers.schedule(() -> {
            driftDue.remove(app);
            runners.stream().filter(runner -> runner.apps().containsKey(app))
                    .forEach(runner -> runner.request(Trigger.DRIFT, ReconcileScope.apps(java.util.Set.of(app))));
        }, EVENTS_QUIET.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A subscription to one engine's events, and whether it still streams. */
    private record Following(java.io.Closeable handle, java.util.concurrent.atomic.AtomicBoolean alive) {
    }

    /** Once an hour, the fencing log loses what is older than a week, so it stays bounded. */
    private void forgetOldMutations() {
        Instant now = clock.instant();
        if (now.isAfter(nextLogTrim)) {
            nextLogTrim = now.plus(java.time.Duration.ofHours(1));
            leases.forgetMutationsOlderThan(java.time.Duration.ofDays(7));
        }
    }

    /** The lease as this instance sees it, for the API, readiness and metrics. */
    public LeaderElection election() {
        return election;
    }

    /**
     * Recovers the rollouts a previous process (or leader) left unfinished, each on the target it
     * ran on: see {@link RolloutRecovery}. Called before the first reconcile, and by whoever makes
     * this instance the leader, before it reconciles. Never throws: a target that cannot be reached
     * (or is not known yet) leaves its rollouts for the next call, which comes within a second.
     *
     * @return what was recovered, app by app, and the targets left for later
     */
    public synchronized RolloutRecovery.Result recoverUnfinished() {
        try {
            RolloutRecovery.Result result = new RolloutRecovery(journal, targets(), this::declaredTarget,
                    clock, rollouts.progressDeadline(), metrics).recoverUnfinished();
            recoveryPending.set(!result.complete());
            return result;
        } catch (RuntimeException e) {
            LOG.warn("cannot recover unfinished rollouts yet: {}", e.getMessage());
            recoveryPending.set(true);
            return new RolloutRecovery.Result(List.of(), Map.of("journal", e.getMessage()));
        }
    }

    /**
     * The target called {@code name}: as this daemon already reaches it, else as {@code driftless.yaml}
     * at {@code revision} declares it in one of the sources (read from the git cache, no fetch).
     */
    private Optional<TargetConfig> declaredTarget(String name, String revision) {
        return engine.known().stream().filter(target -> target.name().equals(name)).findFirst()
                .or(() -> runners.stream().map(runner -> runner.targetAt(revision, name))
                        .flatMap(Optional::stream).findFirst());
    }

    /**
     * Recovers again what an earlier pass left pending: on every tick, as long as a pass fails fast
     * (an engine that refuses at once); after a pass that took a second or more (a target whose host
     * does not answer, waiting out the connect timeout), only every 10 seconds, so that it does not
     * hold up the timer's other work each second.
     */
    private void retryRecovery() {
        Instant now = clock.instant();
        if (recoveryPending.get() && !now.isBefore(nextRecoveryAttempt)) {
            recoverUnfinished();
            if (recoveryPending.get() && !clock.instant().isBefore(now.plusSeconds(1))) {
                nextRecoveryAttempt = clock.instant().plus(RECOVERY_RETRY);
            }
        }
    }

    /** Applies plans on the local engine of the moment, with the rollout settings and the data folder. */
    private PlanExecutor executor() {
        return executor(TargetConfig.local());
    }

    /** Applies plans on {@code target}'s engine of the moment, with the rollout settings and the data folder. */
    private PlanExecutor executor(TargetConfig target) {
        return DockerApplier.connecting(() -> engine.get(target), clock, rollouts.gate(),
                BuildLogs.in(settings.dataDir().resolve("build-logs")),
                HostFiles.under(settings.dataDir().resolve("files")), election);
    }

    /** Every target's engine, connected on first use. */
    private Targets targets() {
        return new Targets() {
            @Override
            public TargetObserver observer(TargetConfig target) {
                return new TargetObserver() {
                    @Override
                    public ObservedTarget observe() {
                        return Daemon.this.observe(target, DockerObserver::observeFollowing);
                    }

                    @Override
                    public ObservedTarget observeContainers() {
                        return Daemon.this.observe(target, DockerObserver::observeContainers);
                    }
                };
            }

            @Override
            public PlanExecutor executor(TargetConfig target) {
                return Daemon.this.executor(target);
            }

            @Override
            public boolean drives(TargetConfig target) {
                return true;
            }
        };
    }

    /**
     * Once a second: the sources whose poll is due are polled, those on one repository together
     * with one listing of the remote, however many sources follow it.
     */
    private void pollDueSources() {
        retryRecovery();
        Instant now = clock.instant();
        Map<RemoteKey, List<SourceRunner>> due = runners.stream()
                .filter(runner -> runner.pollDue(now))
                .collect(Collectors.groupingBy(runner -> runner.definition().spec().remote()));
        due.values().forEach(group -> {
            RemoteHeads.Round round = heads.newRound();
            group.forEach(runner -> runner.poll(round));
        });
    }

    public List<SourceRunner> runners() {
        return List.copyOf(runners);
    }

    public Optional<SourceRunner> runner(String id) {
        return runners.stream().filter(runner -> runner.id().equals(id)).findFirst();
    }

    /**
     * The secret of every source for {@code provider}: its own, else the daemon-wide one of that
     * provider. Read now, so a rotated secret file counts from the next delivery.
     */
    public List<WebhookSecret> webhookSecrets(WebhookProvider provider) {
        List<WebhookSecret> secrets = new ArrayList<>();
        for (SourceRunner runner : runners) {
            Optional<Secret> secret = runner.definition().webhookSecret()
                    .or(() -> Optional.ofNullable(settings.webhookSecrets().get(provider)));
            secret.flatMap(value -> SecretValues.read(value, "webhook secret"))
                    .ifPresent(value -> secrets.add(new WebhookSecret(runner.id(), value)));
        }
        return secrets;
    }

    /**
     * Whether {@code presented} is the API's bearer token, compared in constant time; always false
     * when no token is configured, so that mutating calls are closed by default.
     */
    public boolean apiTokenMatches(String presented) {
        return settings.apiToken().flatMap(token -> SecretValues.read(token, "API token"))
                .map(token -> java.security.MessageDigest.isEqual(token,
                        presented.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .orElse(false);
    }

    public boolean apiTokenConfigured() {
        return settings.apiToken().isPresent();
    }

    public int maxWebhookBytes() {
        return settings.maxWebhookBytes();
    }

    /**
     * Every target known so far, by name, with whether its last observation succeeded; empty for
     * one not observed yet. The local target is always known.
     */
    public Map<String, Optional<Boolean>> targetsUp() {
        Map<String, Optional<Boolean>> up = new java.util.TreeMap<>();
        engine.known().forEach(target -> up.put(target.name(), Optional.ofNullable(targetUp.get(target.name()))));
        return up;
    }

    private ObservedTarget observe() {
        return observe(TargetConfig.local());
    }

    private ObservedTarget observe(TargetConfig target) {
        return observe(target, DockerObserver::observe);
    }

    private ObservedTarget observe(TargetConfig target, Function<DockerEngine, ObservedTarget> how) {
        try {
            ObservedTarget observed = how.apply(engine.get(target));
            up(target, true);
            return observed;
        } catch (DockerEngineException e) {
            up(target, false);
            // An engine that went away (or was upgraded) gets a fresh negotiation next time.
            engine.reset(target.name(), e);
            throw e;
        }
    }

    private void up(TargetConfig target, boolean answered) {
        targetUp.put(target.name(), answered);
        metrics.targetUp(target.name(), answered);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @PreDestroy
    void stop() throws InterruptedException {
        timers.shutdownNow();
        eventsConnector.shutdownNow();
        stopFollowingEvents();
        reconciles.shutdownNow();
        reconciles.awaitTermination(30, TimeUnit.SECONDS);
        runners.forEach(SourceRunner::close);
        heads.close();
        if (statusPublisher != null) {
            statusPublisher.close();
            statusClients.close();
        }
    }
}
