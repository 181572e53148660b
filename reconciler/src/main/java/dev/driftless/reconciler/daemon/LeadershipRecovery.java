package dev.driftless.reconciler.daemon;

import java.util.List;

/**
 * What an instance does the moment it wins the lease, before anything else: a former leader may
 * have died in the middle of a rollout. The journal (engine issue) will replace the default,
 * {@link FullReconcileRecovery}, with one that finishes or rolls back each unfinished rollout.
 */
public interface LeadershipRecovery {

    /**
     * @param runners every source of this daemon
     * @param token the fencing token this instance now holds
     * @param takeover whether another instance held the lease before (a failover, not a start)
     */
    void recover(List<SourceRunner> runners, long token, boolean takeover);
}
