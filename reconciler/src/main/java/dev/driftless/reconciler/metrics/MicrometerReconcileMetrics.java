package dev.driftless.reconciler.metrics;

import dev.driftless.manifests.config.TargetConfig;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.state.ContainerState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The reconciler's metrics in Micrometer. Names are a public contract (DESIGN.md, "Metrics", and
 * docs/metrics.md): Micrometer's Prometheus naming turns {@code driftless.reconcile} into
 * {@code driftless_reconcile_total} and the timer into {@code driftless_reconcile_duration_seconds}.
 */
@Singleton
public final class MicrometerReconcileMetrics implements ReconcileMetrics {

    /** Fixed buckets from a no-op reconcile (tens of ms) to a slow rollout (minutes): 13 series, not 70. */
    private static final Duration[] BUCKETS = Stream.of(0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
            120.0, 300.0).map(seconds -> Duration.ofMillis(Math.round(seconds * 1000))).toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final Clock clock;
    private final String target;
    private final String source;
    private final Map<String, AtomicLong> lastSuccess;
    private final Map<String, AtomicLong> containers;
    private final Map<String, AtomicLong> up;

    @Inject
    public MicrometerReconcileMetrics(MeterRegistry registry, Clock clock) {
        this(registry, clock, TargetConfig.LOCAL, "", new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>());
    }

    private MicrometerReconcileMetrics(MeterRegistry registry, Clock clock, String target, String source,
            Map<String, AtomicLong> lastSuccess, Map<String, AtomicLong> containers, Map<String, AtomicLong> up) {
        this.registry = registry;
        this.clock = clock;
        this.target = target;
        this.source = source;
        this.lastSuccess = lastSuccess;
        this.containers = containers;
        this.up = up;
    }

    @Override
    public ReconcileMetrics forSource(String name) {
        return new MicrometerReconcileMetrics(registry, clock, target, name, lastSuccess, containers, up);
    }

    @Override
    public void rolloutRecovered(String app, String state) {
        Counter.builder("driftless.rollout.recovered")
                .description("Rollouts found unfinished (their process died: interrupted; no progress past the "
                        + "deadline: stuck) and recovered")
                .tag("app", app).tag("state", state)
                .register(registry).increment();
    }

    @Override
    public void targetUp(String target, boolean answered) {
        gauge(up, target, Map.of("target", target), "driftless.target.up",
                "1 when the last look at the target's Docker engine succeeded, else 0", null)
                .set(answered ? 1 : 0);
    }

    @Override
    public void reconciled(String app, String result, Duration took) {
        reconciled(app, target, result, took);
    }

    @Override
    public void reconciled(String app, String target, String result, Duration took) {
        Counter.builder("driftless.reconcile")
                .description("Reconciles of an app, by result (synced: nothing to do, applied, failed)")
                .tag("app", app).tag("result", result)
                .register(registry).increment();
        Timer.builder("driftless.reconcile.duration")
                .description("Time from reading the source to the end of an app's rollout")
                .tag("app", app).tag("target", target).tag("result", result)
                .serviceLevelObjectives(BUCKETS)
                .register(registry).record(took);
        if (!result.equals("failed")) {
            gauge(lastSuccess, app, Map.of("app", app), "driftless.last.successful.reconcile.timestamp",
                    "Unix time of the app's last reconcile that ended in sync", "seconds")
                    .set(clock.instant().getEpochSecond());
        }
    }

    @Override
    public void sourceRead(boolean succeeded, Duration took) {
        Timer.builder("driftless.git.fetch.duration")
                .description("Time to fetch and read the desired-state source")
                .tag("source", source)
                .register(registry).record(took);
        Counter errors = Counter.builder("driftless.git.fetch.errors")
                .description("Fetches of the desired-state source that failed")
                .tag("source", source)
                .register(registry);
        if (!succeeded) {
            errors.increment();
        }
    }

    @Override
    public void managedContainers(String app, String target, Map<String, Integer> countByState) {
        // Every state gets its series, at zero when none is in it, so a container that stops
        // moves from running to exited instead of leaving a stale running series behind.
        for (ContainerState state : ContainerState.values()) {
            String name = state.name().toLowerCase(Locale.ROOT);
            gauge(containers, app + '\n' + target + '\n' + name, Map.of("app", app, "target", target, "state", name),
                    "driftless.managed.containers", "Containers Driftless manages for the app, by state", null)
                    .set(countByState.getOrDefault(name, 0));
        }
    }

    @Override
    public void rolledOut(String app, String result) {
        countFor(app, "driftless.rollout", "Rollouts of an app that changed the engine, by result (succeeded, "
                + "failed, rolled_back, recovered, stuck)", "result", result);
    }

    @Override
    public void driftDetected(String app, String kind) {
        countFor(app, "driftless.drift.detected", "Times the engine no longer matched an app's deployed revision, "
                + "by kind (stopped, removed, renamed, reconfigured)", "kind", kind);
    }

    private void countFor(String app, String name, String description, String label, String value) {
        Counter.builder(name).description(description).tag("app", app).tag(label, value)
                .register(registry).increment();
    }

    private AtomicLong gauge(Map<String, AtomicLong> values, String key, Map<String, String> tags, String name,
            String description, String unit) {
        return values.computeIfAbsent(key, ignored -> {
            AtomicLong value = new AtomicLong();
            Gauge.Builder<AtomicLong> builder = Gauge.builder(name, value, AtomicLong::doubleValue)
                    .description(description).baseUnit(unit).strongReference(true);
            tags.forEach(builder::tag);
            builder.register(registry);
            return value;
        });
    }
}
