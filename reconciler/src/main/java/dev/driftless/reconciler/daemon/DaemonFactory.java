package dev.driftless.reconciler.daemon;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Beans the daemon needs that are not ours to annotate, and its settings. */
@Factory
public class DaemonFactory {

    /** The one clock of the daemon, injected everywhere so tests can move time. */
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Only a daemon has settings: the one-shot commands never start Micronaut. */
    @Singleton
    @Requires(condition = HasSources.class)
    DaemonSettings settings(Environment environment) {
        return new SettingsReader(environment).read();
    }

    /** Health gate, progress deadline and retry backoff of rollouts ({@code driftless.rollout.*}). */
    @Singleton
    RolloutSettings rolloutSettings(Environment environment) {
        return RolloutSettings.from(environment);
    }
}
