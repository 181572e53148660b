package dev.driftless.reconciler.daemon;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Beans the daemon needs that are not ours to annotate, and its settings. */
@Factory
public class DaemonFactory {

    /** The one clock of the daemon, injected everywhere so tests can move time. */
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    @Requires(property = "driftless.source.url")
    DaemonSettings settings(@Value("${driftless.source.url}") String sourceUrl,
            @Value("${driftless.source.branch:main}") String branch,
            @Value("${driftless.data-dir:data}") String dataDir,
            @Value("${driftless.poll-interval:60s}") Duration pollInterval,
            @Value("${driftless.docker-host:`unix:///var/run/docker.sock`}") String dockerHost) {
        return new DaemonSettings(sourceUrl, branch, Path.of(dataDir).toAbsolutePath().normalize(), pollInterval,
                URI.create(dockerHost));
    }
}
