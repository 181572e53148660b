package dev.driftless.reconciler.cli;

import dev.driftless.reconciler.docker.DockerApplier;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.docker.DockerObserver;
import dev.driftless.reconciler.engine.DesiredStateSource;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.engine.RolloutHistory;
import dev.driftless.reconciler.plan.PlanPolicy;

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
        return new Reconciler(source, () -> DockerObserver.observe(engine()),
                (plan, log) -> new DockerApplier(engine(), clock).execute(plan, log),
                RolloutHistory.NONE, ReconcileMetrics.NONE, PlanPolicy.defaults(), clock);
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
