package dev.driftless.reconciler.lease;

import dev.driftless.reconciler.engine.FencedOutException;
import dev.driftless.reconciler.engine.MutationGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Holds, renews and loses the lease for this instance, and guards every mutation with it.
 *
 * <p>Two checks, both needed: locally, a holder trusts its lease only until {@code duration}
 * after the moment it <em>sent</em> the last successful renewal (measured on the monotonic clock),
 * so it stops at once when it cannot prove it still holds the lease, even if the store does not
 * answer; and in the store, every mutation is proved against the fencing token in its own
 * transaction, so a holder paused past its expiry (GC, SIGSTOP) is refused when it wakes up.
 *
 * <p>Mutable: its state is the lease as last proved; safe for concurrent use.
 */
public final class LeaderElection implements MutationGuard, StoreFence, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    /** What this instance is told when it wins or loses the lease. */
    public interface Listener {
        /**
         * This instance holds the lease from now, with {@code token}.
         *
         * @param takeover whether another instance was seen holding it before (a failover)
         */
        void elected(long token, boolean takeover);

        /** This instance no longer holds the lease; it must not mutate anything. */
        void lost(long token);
    }

    private final LeaseStore store;
    private final LeaseSettings settings;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "driftless-lease");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Held held;
    private volatile boolean sawAnotherHolder;
    private volatile boolean observed;
    private Listener listener;

    public LeaderElection(LeaseStore store, LeaseSettings settings) {
        this(store, settings, System::nanoTime);
    }

    LeaderElection(LeaseStore store, LeaseSettings settings, LongSupplier nanoTime) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nanoTime = nanoTime;
    }

    /** Tries for the lease now and then every {@code renewEvery}, telling {@code to} of each change. */
    public synchronized void start(Listener to) {
        if (listener != null) {
            throw new IllegalStateException("the election of " + settings.instanceId() + " is already started");
        }
        listener = Objects.requireNonNull(to, "listener");
        renewals.scheduleAtFixedRate(this::tryOnce, 0, settings.renewEvery().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One attempt to take or renew the lease; the timer calls it, tests may too. */
    synchronized void tryOnce() {
        long sent = nanoTime.getAsLong();
        OptionalLong token;
        try {
            token = store.acquire(settings.instanceId(), settings.duration());
        } catch (RuntimeException e) {
            LOG.warn("lease: the store did not answer ({}); {}", e.getMessage(),
                    isLeader() ? "still the leader until the lease runs out" : "not the leader");
            expireIfDue();
            return;
        }
        observed = true;
        Held before = held;
        if (token.isPresent()) {
            held = new Held(token.getAsLong(), sent + settings.duration().toNanos());
            if (before == null || before.token() != token.getAsLong() || !before.validAt(sent)) {
                LOG.info("lease: {} is the leader with token {}", settings.instanceId(), token.getAsLong());
                notifyElected(token.getAsLong());
            }
        } else {
            sawAnotherHolder = true;
            if (before != null) {
                held = null;
                LOG.warn("lease: {} lost the lease (token {}) to {}", settings.instanceId(), before.token(),
                        store.current());
                listener.lost(before.token());
            }
        }
    }

    private void notifyElected(long token) {
        try {
            listener.elected(token, sawAnotherHolder);
        } catch (RuntimeException e) {
            LOG.warn("lease: the work on winning the lease failed: {}", e.getMessage(), e);
        }
    }

    private void expireIfDue() {
        Held before = held;
        if (before != null && !before.validAt(nanoTime.getAsLong())) {
            held = null;
            LOG.warn("lease: {} cannot prove it holds the lease (token {}); it stops mutating",
                    settings.instanceId(), before.token());
            listener.lost(before.token());
        }
    }

    /** Whether this instance holds the lease by its own last proof; false the moment that proof runs out. */
    public boolean isLeader() {
        Held now = held;
        return now != null && now.validAt(nanoTime.getAsLong());
    }

    /** Whether an attempt has reached the store at least once, so who leads is known. */
    public boolean leaseKnown() {
        return observed;
    }

    /** The token this instance holds, while it holds the lease. */
    public OptionalLong token() {
        Held now = held;
        return now != null && now.validAt(nanoTime.getAsLong()) ? OptionalLong.of(now.token()) : OptionalLong.empty();
    }

    public String instanceId() {
        return settings.instanceId();
    }

    public LeaseStore.LeaseState current() {
        return store.current();
    }

    @Override
    public void beforeMutation(String app, String step) {
        store.prove(settings.instanceId(), heldToken(app, step), app, step);
    }

    @Override
    public void proveIn(Connection connection, String app, String action) {
        store.prove(connection, settings.instanceId(), heldToken(app, action), app, action);
    }

    private long heldToken(String app, String action) {
        return token().orElseThrow(() -> new FencedOutException("instance " + settings.instanceId()
                + " does not hold the lease; refused: " + action + " of " + app));
    }

    /** Stops renewing and hands the lease back, so a standby need not wait for it to expire. */
    @Override
    public synchronized void close() {
        renewals.shutdownNow();
        Held before = held;
        held = null;
        if (before != null) {
            try {
                store.release(settings.instanceId());
            } catch (RuntimeException e) {
                LOG.warn("lease: could not hand the lease back ({}); it expires by itself", e.getMessage());
            }
        }
    }

    /** The lease as this instance last proved it: its token, and until when (monotonic nanos) it trusts it. */
    private record Held(long token, long trustedUntil) {
        boolean validAt(long nanos) {
            return nanos - trustedUntil < 0;
        }
    }
}
