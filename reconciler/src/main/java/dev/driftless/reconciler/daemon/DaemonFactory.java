package dev.driftless.reconciler.daemon;

import dev.driftless.manifests.secrets.DecryptionKeys;
import dev.driftless.reconciler.keys.Identities;
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

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

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
     * The age identities secret env files are decrypted with: the file named by
     * {@value Identities#CONFIG_KEY} (also {@code DRIFTLESS_SECRETS_AGE_KEY_FILE}), else
     * {@code DRIFTLESS_AGE_KEY_FILE}, {@code DRIFTLESS_AGE_KEY}, {@code SOPS_AGE_KEY_FILE},
     * {@code SOPS_AGE_KEY}; none when nothing is set. Read once at start: a key that cannot be read
     * stops the daemon with a message naming the file or variable, never its content.
     */
    @Singleton
    @Requires(condition = HasSources.class)
    DecryptionKeys decryptionKeys(Environment environment) {
        Optional<Path> file = environment.getProperty(Identities.CONFIG_KEY, String.class)
                .map(String::strip).filter(value -> !value.isEmpty()).map(Path::of);
        try {
            return Identities.forRendering(file, System::getenv);
        } catch (Identities.KeyProblem e) {
            throw new IllegalArgumentException("cannot read the age identities: " + e.getMessage());
        }
    }

    /** Health gate, progress deadline and retry backoff of rollouts ({@code driftless.rollout.*}). */
    @Singleton
    RolloutSettings rolloutSettings(Environment environment) {
        return RolloutSettings.from(environment);
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
