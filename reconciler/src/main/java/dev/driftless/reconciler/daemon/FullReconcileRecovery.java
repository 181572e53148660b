package dev.driftless.reconciler.daemon;

import dev.driftless.reconciler.engine.Trigger;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Recovery for now: a full reconcile of every source, which plans from what it observes and so
 * converges whatever a former leader left half done. Recorded as {@code recovery} after a
 * failover, as {@code startup} when this instance simply started first.
 */
@Singleton
public final class FullReconcileRecovery implements LeadershipRecovery {

    @Override
    public void recover(List<SourceRunner> runners, long token, boolean takeover) {
        Trigger trigger = takeover ? Trigger.RECOVERY : Trigger.STARTUP;
        runners.forEach(runner -> runner.start(trigger));
    }
}
