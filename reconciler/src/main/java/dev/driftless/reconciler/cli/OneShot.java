package dev.driftless.reconciler.cli;

import dev.driftless.reconciler.docker.BuildLogs;
import dev.driftless.reconciler.docker.DockerApplier;
import dev.driftless.reconciler.docker.HealthGate;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.docker.DockerObserver;
import dev.driftless.reconciler.engine.DesiredStateSource;
import dev.driftless.reconciler.files.HostFiles;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.engine.RolloutHistory;
import dev.driftless.reconciler.engine.RolloutListener;
import dev.driftless.reconciler.engine.SuspendedApps;
import dev.driftless.reconciler.plan.PlanPolicy;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The reconciler wired for one run without a daemon: no store, no metrics, the engine connected
 * lazily so that a source error is reported even when no engine answers.
 */
final class OneShot implements AutoCloseable {

    private final DesiredStateSource source;
    private final RepoOptions options;
    private DockerEngine engine;

    OneShot(RepoOptions options) throws java.io.IOException {
        this.options = options;
        this.source = options.open();
    }

    Reconciler reconciler() {
        Clock clock = Clock.systemUTC();
        return new Reconciler(source, DockerObserver.observer(this::engine),
                DockerApplier.connecting(this::engine, clock, HealthGate.DEFAULT, BuildLogs.NONE, hostFiles()),
                RolloutHistory.NONE, ReconcileMetrics.NONE, PlanPolicy.defaults(), clock, RolloutListener.NONE,
                SuspendedApps.NONE, options.keys());
    }

    /**
     * Repo files bound into containers go where the daemon puts them ({@code <data>/files}, the data
     * folder being {@code DRIFTLESS_DATA_DIR} or {@code ./data}), so {@code apply} and {@code run}
     * started from one folder share them.
     */
    private static HostFiles hostFiles() {
        String data = System.getenv().getOrDefault("DRIFTLESS_DATA_DIR", "data");
        return HostFiles.under(Path.of(data).resolve("files"));
    }

    private synchronized DockerEngine engine() {
        if (engine == null) {
            engine = DockerEngine.connect(options.dockerHost());
        }
        return engine;
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        if (source instanceof AutoCloseable closeable) {
            ValidateCommand.closeQuietly(closeable);
        }
    }
}
