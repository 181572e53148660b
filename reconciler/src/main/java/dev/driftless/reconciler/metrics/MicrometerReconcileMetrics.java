package dev.driftless.reconciler.metrics;

import dev.driftless.reconciler.engine.ReconcileMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The reconciler's metrics in Micrometer. Names are a public contract (DESIGN.md, "Metrics"):
 * Micrometer's Prometheus naming turns {@code driftless.reconcile} into
 * {@code driftless_reconcile_total} and the timer into {@code driftless_reconcile_duration_seconds}.
 */
@Singleton
public final class MicrometerReconcileMetrics implements ReconcileMetrics {

    /** Fixed buckets from a no-op reconcile (tens of ms) to a slow rollout (minutes): 13 series, not 70. */
    private static final Duration[] BUCKETS = Stream.of(0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
            120.0, 300.0).map(seconds -> Duration.ofMillis(Math.round(seconds * 1000))).toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> containers = new ConcurrentHashMap<>();
    private final AtomicLong reachable = new AtomicLong(1);

    public MicrometerReconcileMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        Gauge.builder("driftless.target.reachable", reachable, AtomicLong::doubleValue)
                .description("1 when the Docker engine answered the last request of a reconcile, 0 when it did not")
                .strongReference(true)
                .register(registry);
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
    public void targetReachable(boolean answered) {
        reachable.set(answered ? 1 : 0);
    }

    @Override
    public void reconciled(String app, String result, Duration took) {
        Counter.builder("driftless.reconcile")
                .description("Reconciles of an app, by result (synced: nothing to do, applied, failed)")
                .tag("app", app).tag("result", result)
                .register(registry).increment();
        Timer.builder("driftless.reconcile.duration")
                .description("Time from reading the source to the end of an app's rollout")
                .tag("app", app).tag("result", result)
                .serviceLevelObjectives(BUCKETS)
                .register(registry).record(took);
        if (!result.equals("failed")) {
            gauge(lastSuccess, app, "driftless.last.successful.reconcile.timestamp",
                    "Unix time of the app's last reconcile that ended in sync", "seconds")
                    .set(clock.instant().getEpochSecond());
        }
    }

    @Override
    public void sourceRead(boolean succeeded, Duration took) {
        Timer.builder("driftless.git.fetch.duration")
                .description("Time to fetch and read the desired-state source")
                .register(registry).record(took);
        Counter errors = Counter.builder("driftless.git.fetch.errors")
                .description("Fetches of the desired-state source that failed")
                .register(registry);
        if (!succeeded) {
            errors.increment();
        }
    }

    @Override
    public void managedContainers(String app, int count) {
        gauge(containers, app, "driftless.managed.containers", "Containers Driftless manages for the app", null)
                .set(count);
    }

    private AtomicLong gauge(Map<String, AtomicLong> values, String app, String name, String description,
            String unit) {
        return values.computeIfAbsent(app, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::doubleValue)
                    .description(description).baseUnit(unit).tag("app", key)
                    .strongReference(true)
                    .register(registry);
            return value;
        });
    }
}
