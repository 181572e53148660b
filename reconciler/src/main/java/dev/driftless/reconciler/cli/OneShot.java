package dev.driftless.reconciler.cli;

import dev.driftless.manifests.config.TargetConfig;
import dev.driftless.manifests.layout.DesiredStateRenderer;
import dev.driftless.reconciler.docker.BuildLogs;
import dev.driftless.reconciler.docker.DockerApplier;
import dev.driftless.reconciler.docker.HealthGate;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.docker.DockerObserver;
import dev.driftless.reconciler.engine.DesiredStateSource;
import dev.driftless.reconciler.engine.PlanExecutor;
import dev.driftless.reconciler.engine.Snapshot;
import dev.driftless.reconciler.engine.SourceUnavailableException;
import dev.driftless.reconciler.engine.TargetObserver;
import dev.driftless.reconciler.engine.Targets;
import dev.driftless.reconciler.files.HostFiles;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.engine.RolloutHistory;
import dev.driftless.reconciler.engine.RolloutListener;
import dev.driftless.reconciler.engine.SuspendedApps;
import dev.driftless.reconciler.plan.PlanPolicy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The reconciler wired for one run without a daemon: no store, no metrics, each target's engine
 * connected lazily (so that a source error is reported even when no engine answers), every target
 * {@code driftless.yaml} places an app on driven as the daemon drives it, or only the one
 * {@code --target} names.
 */
final class OneShot implements AutoCloseable {

    private final DesiredStateSource opened;
    /** {@link #opened}, read once: {@code --target} is checked against the revision that is planned. */
    private final DesiredStateSource source;
    private final RepoOptions options;
    private final Optional<String> only;
    private final Map<String, DockerEngine> engines = new LinkedHashMap<>();

    OneShot(RepoOptions options) throws java.io.IOException {
        this(options, Optional.empty());
    }

    /** @param only the one target to drive ({@code --target}); empty for every target */
    OneShot(RepoOptions options, Optional<String> only) throws java.io.IOException {
        this.options = options;
        this.only = only;
        this.opened = options.open();
        this.source = new ReadOnce(opened);
    }

    Reconciler reconciler() {
        Clock clock = Clock.systemUTC();
        TargetConfig local = TargetConfig.local();
        Targets targets = targets(clock);
        return new Reconciler(source, targets.observer(local), targets.executor(local), RolloutHistory.NONE,
                ReconcileMetrics.NONE, PlanPolicy.defaults(), clock, RolloutListener.NONE, SuspendedApps.NONE,
                options.keys()).withTargets(targets);
    }

    /**
     * Why {@code --target} cannot be followed: it names no target of the repo's {@code driftless.yaml}.
     * Empty when it can, when it is not given, or when the source cannot be read (the reconcile reports that).
     */
    Optional<String> unknownTarget() {
        if (only.isEmpty()) {
            return Optional.empty();
        }
        try {
            Map<String, TargetConfig> declared = DesiredStateRenderer.targets(source.latest().tree());
            return declared.containsKey(only.get()) ? Optional.empty()
                    : Optional.of("--target: no target '" + only.get() + "' in driftless.yaml (targets: "
                            + String.join(", ", declared.keySet()) + ")");
        } catch (SourceUnavailableException e) {
            return Optional.empty();
        }
    }

    private Targets targets(Clock clock) {
        HostFiles files = hostFiles();
        return new Targets() {
            @Override
            public TargetObserver observer(TargetConfig target) {
                return DockerObserver.observer(() -> engine(target));
            }

            @Override
            public PlanExecutor executor(TargetConfig target) {
                return DockerApplier.connecting(() -> engine(target), clock, HealthGate.DEFAULT, BuildLogs.NONE, files);
            }

            @Override
            public boolean drives(TargetConfig target) {
                return only.map(target.name()::equals).orElse(true);
            }
        };
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

    /**
     * The engine of {@code target}: the undeclared local one is {@code --docker-host} (else
     * {@code DOCKER_HOST}, else the default socket), as for the daemon's own engine; a declared one
     * is where {@code driftless.yaml} points it, over TLS when it names the files.
     */
    private synchronized DockerEngine engine(TargetConfig target) {
        DockerEngine engine = engines.get(target.name());
        if (engine == null) {
            engine = target.isLocalDefault() && TargetConfig.LOCAL.equals(target.name())
                    ? DockerEngine.connect(target.name(), options.dockerHost(), Optional.empty())
                    : DockerEngine.connect(target.name(), target.host(), target.tls());
            engines.put(target.name(), engine);
        }
        return engine;
    }

    @Override
    public synchronized void close() {
        engines.values().forEach(DockerEngine::close);
        engines.clear();
        if (opened instanceof AutoCloseable closeable) {
            ValidateCommand.closeQuietly(closeable);
        }
    }

    /**
     * A source whose latest revision is read once per command: a folder is walked (or a repository
     * fetched) once, however many questions the command asks of it, and every answer is about the
     * same revision. A read that fails is not kept; the next question tries again.
     */
    static final class ReadOnce implements DesiredStateSource {

        private final DesiredStateSource source;
        private Snapshot latest;

        ReadOnce(DesiredStateSource source) {
            this.source = source;
        }

        @Override
        public String repoName() {
            return source.repoName();
        }

        @Override
        public String location() {
            return source.location();
        }

        @Override
        public String identity() {
            return source.identity();
        }

        @Override
        public synchronized Snapshot latest() throws SourceUnavailableException {
            if (latest == null) {
                latest = source.latest();
            }
            return latest;
        }

        @Override
        public Snapshot at(String revision) throws SourceUnavailableException {
            return source.at(revision);
        }
    }
}
