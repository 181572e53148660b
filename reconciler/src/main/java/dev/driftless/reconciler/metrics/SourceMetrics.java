package dev.driftless.reconciler.metrics;

import dev.driftless.providers.source.SourceStatus;
import dev.driftless.reconciler.daemon.Daemon;
import dev.driftless.reconciler.daemon.SourceRunner;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

/**
 * Each source's poller, as gauges read at scrape time: when it last fetched, when it last failed,
 * how many failures in a row, and how overdue its next poll is. A poller that stopped shows as an
 * overdue time that keeps growing, which an alert can catch.
 */
@Singleton
@Requires(beans = Daemon.class)
public final class SourceMetrics {

    private final Daemon daemon;
    private final MeterRegistry registry;
    private final Clock clock;

    public SourceMetrics(Daemon daemon, MeterRegistry registry, Clock clock) {
        this.daemon = daemon;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Registered once the daemon runs (not as a MeterBinder: the registry is built before the
     * daemon, which needs it for its own metrics).
     */
    @EventListener
    void register(StartupEvent started) {
        for (SourceRunner runner : daemon.runners()) {
            gauge(registry, runner, "driftless.source.last.fetch.success.timestamp",
                    "Unix time of the source's last successful fetch (0: none yet)", "seconds",
                    status -> status.lastSuccess().map(success -> (double) success.at().getEpochSecond()).orElse(0.0));
            gauge(registry, runner, "driftless.source.last.fetch.failure.timestamp",
                    "Unix time of the source's last failed fetch (0: none)", "seconds",
                    status -> status.lastFailure().map(failure -> (double) failure.at().getEpochSecond()).orElse(0.0));
            gauge(registry, runner, "driftless.source.consecutive.fetch.failures",
                    "Failed fetches of the source in a row; 0 after a success", null,
                    status -> status.consecutiveFailures());
            gauge(registry, runner, "driftless.source.poll.overdue",
                    "How long the source's next poll is overdue; grows without bound when its poller stopped",
                    "seconds", status -> status.overdue(Instant.now(clock)).toMillis() / 1000.0);
        }
    }

    private static void gauge(MeterRegistry registry, SourceRunner runner, String name, String description,
            String unit, ToDoubleFunction<SourceStatus> value) {
        Gauge.builder(name, runner, r -> value.applyAsDouble(r.status()))
                .description(description)
                .baseUnit(unit)
                .tag("source", runner.id())
                .strongReference(true)
                .register(registry);
    }
}
