package dev.driftless.reconciler.daemon;

import dev.driftless.manifests.config.TargetConfig;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.docker.DockerEngineException;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon's connections to its target engines, one per target name, each made on first use
 * and made again after its engine went away, so that a daemon started before an engine, or an
 * engine restarted under it, recovers on the next reconcile without a restart of Driftless. The
 * local target is the engine of the daemon's own configuration ({@code driftless.docker-host});
 * every other one is where {@code driftless.yaml} says, over TLS when it names the files.
 */
@Singleton
@Requires(beans = DaemonSettings.class)
public final class EngineConnection {

    private static final Logger LOG = LoggerFactory.getLogger(EngineConnection.class);

    private final DaemonSettings settings;
    private final Map<String, DockerEngine> engines = new LinkedHashMap<>();
    private final Map<String, TargetConfig> known = new LinkedHashMap<>();

    public EngineConnection(DaemonSettings settings) {
        this.settings = settings;
        known.put(TargetConfig.LOCAL, TargetConfig.local());
    }

    /** The local target's engine. */
    public DockerEngine get() {
        return get(TargetConfig.local());
    }

    /**
     * The engine of {@code target}, connecting when there is no connection yet.
     *
     * @throws DockerEngineException when it cannot be reached
     */
    public synchronized DockerEngine get(TargetConfig target) {
        known.put(target.name(), target);
        DockerEngine engine = engines.get(target.name());
        if (engine == null) {
            // The undeclared local target is the engine of the daemon's configuration; a declared
            // one is where driftless.yaml points it.
            engine = target.isLocalDefault() && TargetConfig.LOCAL.equals(target.name())
                    ? DockerEngine.connect(target.name(), settings.dockerHost(), java.util.Optional.empty())
                    : DockerEngine.connect(target.name(), target.host(), target.tls());
            engines.put(target.name(), engine);
            LOG.info("connected to {}", engine);
        }
        return engine;
    }

    /** Every target asked for so far (the local one always), so that each is looked at now and then. */
    public synchronized List<TargetConfig> known() {
        return List.copyOf(known.values());
    }

    /** Called when a request to the local engine failed: the next {@link #get()} negotiates afresh. */
    public void reset(DockerEngineException cause) {
        reset(TargetConfig.LOCAL, cause);
    }

    /** Called when a request to {@code target} failed: the next {@link #get(TargetConfig)} negotiates afresh. */
    public synchronized void reset(String target, DockerEngineException cause) {
        DockerEngine engine = engines.remove(target);
        if (engine != null) {
            LOG.warn("lost the Docker engine of target {} at {}: {}", target, engine.host(), cause.getMessage());
            engine.close();
        }
    }

    @PreDestroy
    public synchronized void close() {
        engines.values().forEach(DockerEngine::close);
        engines.clear();
    }
}
