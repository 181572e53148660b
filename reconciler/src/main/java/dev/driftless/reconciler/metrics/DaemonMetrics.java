package dev.driftless.reconciler.metrics;

import dev.driftless.reconciler.daemon.AppStatus;
import dev.driftless.reconciler.daemon.Daemon;
import dev.driftless.reconciler.daemon.SourceRunner;
import dev.driftless.reconciler.daemon.Suspensions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's state as gauges: each app's revision, sync status and health
 * ({@code driftless_app_info}, value 1, and {@code driftless_app_synced}), whether this instance
 * leads ({@code driftless_leader}). Whether each target answered ({@code driftless_target_up}) is
 * set where the targets are observed ({@link MicrometerReconcileMetrics}).
 * App series are rebuilt every two seconds from the daemon's statuses, so an app's old revision
 * or status leaves no stale series behind.
 */
@Singleton
@Requires(beans = Daemon.class)
public final class DaemonMetrics {

    private final Daemon daemon;
    private final Suspensions suspensions;
    private final MeterRegistry registry;
    private MultiGauge info;
    private MultiGauge synced;

    public DaemonMetrics(Daemon daemon, Suspensions suspensions, MeterRegistry registry) {
        this.daemon = daemon;
        this.suspensions = suspensions;
        this.registry = registry;
    }

    @EventListener
    void register(StartupEvent started) {
        Gauge.builder("driftless.leader", daemon, d -> d.election().isLeader() ? 1 : 0)
                .description("1 while this instance holds the lease and may change the engine, else 0")
                .tag("instance", daemon.election().instanceId())
                .register(registry);
        info = MultiGauge.builder("driftless.app.info")
                .description("Always 1: an app with its revision, sync status, health and whether it is suspended")
                .register(registry);
        synced = MultiGauge.builder("driftless.app.synced")
                .description("1 when the app's containers match its revision, else 0")
                .register(registry);
        refresh();
    }

    /** Also called before each scrape, so a scrape never shows a status older than the last reconcile. */
    @Scheduled(fixedDelay = "2s", initialDelay = "2s")
    public synchronized void refresh() {
        if (info == null) {
            return;
        }
        List<MultiGauge.Row<?>> infoRows = new ArrayList<>();
        List<MultiGauge.Row<?>> syncedRows = new ArrayList<>();
        for (SourceRunner runner : daemon.runners()) {
            for (AppStatus status : runner.apps().values()) {
                boolean suspended = suspensions.isSuspended(status.app());
                infoRows.add(MultiGauge.Row.of(Tags.of("app", status.app(), "revision", status.revision(),
                        "sync_status", status.sync(), "health", status.health(suspended),
                        "suspended", Boolean.toString(suspended)), 1));
                syncedRows.add(MultiGauge.Row.of(Tags.of("app", status.app()), "Synced".equals(status.sync()) ? 1 : 0));
            }
        }
        info.register(infoRows, true);
        synced.register(syncedRows, true);
    }
}
