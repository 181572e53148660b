package dev.driftless.reconciler.daemon;

import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.docker.DockerEngineException;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's connection to its target engine, made on first use and made again after the
 * engine went away, so that a daemon started before its engine, or an engine restarted under it,
 * recovers on the next reconcile without a restart of Driftless.
 */
@Singleton
@Requires(beans = DaemonSettings.class)
public final class EngineConnection {

    private static final Logger LOG = LoggerFactory.getLogger(EngineConnection.class);

    private final DaemonSettings settings;
    private DockerEngine engine;

    public EngineConnection(DaemonSettings settings) {
        this.settings = settings;
    }

    public synchronized DockerEngine get() {
        if (engine == null) {
            engine = DockerEngine.connect(settings.dockerHost());
            LOG.info("connected to {}", engine);
        }
        return engine;
    }

    /** Called when a request to the engine failed: the next {@link #get()} negotiates afresh. */
    public synchronized void reset(DockerEngineException cause) {
        if (engine != null) {
            LOG.warn("lost the Docker engine at {}: {}", engine.host(), cause.getMessage());
            engine.close();
            engine = null;
        }
    }

    @PreDestroy
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
