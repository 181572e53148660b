package dev.driftless.reconciler.daemon;

import dev.driftless.providers.source.SourceSpec;
import dev.driftless.reconciler.docker.DockerApplier;
import dev.driftless.reconciler.docker.DockerEngineException;
import dev.driftless.reconciler.docker.DockerObserver;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.engine.ReconcileReport;
import dev.driftless.reconciler.engine.ReconcileScope;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.engine.RolloutHistory;
import dev.driftless.reconciler.engine.Trigger;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.source.GitDesiredStateSource;
import dev.driftless.reconciler.state.ObservedTarget;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the reconciler for the daemon's source: once at start, then on every poll interval (which
 * also catches drift, since every reconcile re-observes the engine), and whenever asked. Every
 * trigger goes through one {@link CoalescingQueue}: one reconcile at a time, bursts merged.
 */
@Context
@Requires(beans = DaemonSettings.class)
public final class ReconcileLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

    private final DaemonSettings settings;
    private final EngineConnection engine;
    private final RolloutHistory history;
    private final ReconcileMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "driftless-reconcile");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<ReconcileReport> lastReport = new AtomicReference<>();
    private GitDesiredStateSource source;
    private Reconciler reconciler;
    private CoalescingQueue queue;

    public ReconcileLoop(DaemonSettings settings, EngineConnection engine, RolloutHistory history,
            ReconcileMetrics metrics, Clock clock) {
        this.settings = settings;
        this.engine = engine;
        this.history = history;
        this.metrics = metrics;
        this.clock = clock;
    }

    @PostConstruct
    void start() {
        SourceSpec spec = new SourceSpec(settings.sourceUrl(), settings.branch());
        source = new GitDesiredStateSource(spec, settings.dataDir().resolve("git").resolve(cacheName(spec)));
        reconciler = new Reconciler(source,
                this::observe,
                plan -> new DockerApplier(engine.get(), clock).execute(plan),
                history, metrics, PlanPolicy.defaults(), clock);
        LOG.info("following {} (branch {}), polling every {}", spec.url(), spec.branch(), settings.pollInterval());
        queue = new CoalescingQueue(worker, this::runOnce);
        long period = settings.pollInterval().toMillis();
        queue.submit(Trigger.STARTUP, ReconcileScope.ALL);
        worker.scheduleWithFixedDelay(() -> queue.submit(Trigger.POLL, ReconcileScope.ALL), period, period,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Asks for a reconcile of {@code scope} soon. Returns at once; merged into a waiting reconcile
     * if there is one (see {@link CoalescingQueue}).
     */
    public void request(Trigger trigger, ReconcileScope scope) {
        queue.submit(trigger, scope);
    }

    public Optional<ReconcileReport> lastReport() {
        return Optional.ofNullable(lastReport.get());
    }

    private void runOnce(Trigger trigger, ReconcileScope scope) {
        lastReport.set(reconciler.reconcile(trigger, scope));
    }

    private ObservedTarget observe() {
        try {
            return DockerObserver.observe(engine.get());
        } catch (DockerEngineException e) {
            // An engine that went away (or was upgraded) gets a fresh negotiation next time.
            engine.reset(e);
            throw e;
        }
    }

    private static String cacheName(SourceSpec spec) {
        return spec.repoName().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + Integer.toHexString(spec.url().hashCode());
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(30, TimeUnit.SECONDS);
        if (source != null) {
            source.close();
        }
    }
}
