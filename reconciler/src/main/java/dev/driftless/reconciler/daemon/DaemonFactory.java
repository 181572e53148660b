package dev.driftless.reconciler.daemon;

import dev.driftless.reconciler.lease.LeaderElection;
import dev.driftless.reconciler.lease.LeaseSettings;
import dev.driftless.reconciler.lease.LeaseStore;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
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

    /**
     * The lease of a daemon (never of a one-shot command), with its settings
     * ({@code driftless.lease.*}) and its name ({@code driftless.instance-id}, default host-pid).
     */
    @Singleton
    @Bean(preDestroy = "close")
    @Requires(beans = DaemonSettings.class)
    LeaderElection leaderElection(LeaseStore store, LeaseSettings.Configured lease,
            @Nullable @Value("${driftless.instance-id:}") String instanceId) {
        return new LeaderElection(store, lease.resolve(instanceId == null || instanceId.isBlank() ? null : instanceId));
    }
}
