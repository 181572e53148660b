package dev.driftless.reconciler.engine;

import dev.driftless.manifests.config.TargetConfig;

/**
 * The engines a reconcile can reach, by target: how to observe each and how to apply a plan on it.
 * The daemon and the one-shot commands connect to every target {@code driftless.yaml} names (the
 * commands to one only with {@code --target}); the tests of a single engine drive the local one
 * only, and leave apps placed elsewhere alone.
 */
public interface Targets {

    /** Reads back what runs on {@code target}; its {@code observe()} throws when the target cannot be reached. */
    TargetObserver observer(TargetConfig target);

    /** Carries out plans on {@code target}. */
    PlanExecutor executor(TargetConfig target);

    /** Whether this reconciler deploys to {@code target} at all. */
    boolean drives(TargetConfig target);

    /** The local engine only, through {@code observer} and {@code executor}. */
    static Targets localOnly(TargetObserver observer, PlanExecutor executor) {
        return new LocalOnly(observer, executor);
    }

    /** The local engine only: what a reconciler of one engine drives. */
    record LocalOnly(TargetObserver local, PlanExecutor localExecutor) implements Targets {

        @Override
        public TargetObserver observer(TargetConfig target) {
            return local;
        }

        @Override
        public PlanExecutor executor(TargetConfig target) {
            return localExecutor;
        }

        @Override
        public boolean drives(TargetConfig target) {
            return isLocal(target);
        }
    }

    /** The local engine: named {@value TargetConfig#LOCAL}, or the default socket without TLS. */
    static boolean isLocal(TargetConfig target) {
        return TargetConfig.LOCAL.equals(target.name()) || target.isLocalDefault();
    }
}
