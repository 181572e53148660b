package dev.driftless.reconciler.lease;

import dev.driftless.reconciler.engine.FencedOutException;
import dev.driftless.reconciler.engine.RolloutEntry;
import dev.driftless.reconciler.history.JdbcRolloutHistory;
import dev.driftless.reconciler.history.RolloutRepository;
import dev.driftless.reconciler.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The lease and its fencing on the real store (H2 and PostgreSQL): two elections in one JVM stand
 * for two instances; one's monotonic clock is frozen to play a process paused past its lease.
 */
class LeaseIT {

    private static final Duration LEASE = Duration.ofSeconds(2);

    private ApplicationContext context;
    private final List<LeaderElection> elections = new ArrayList<>();

    private LeaseStore open(TestStores store) {
        context = ApplicationContext.run(store.freshDatabase());
        return context.getBean(LeaseStore.class);
    }

    private LeaderElection election(LeaseStore store, String id, AtomicLong nanos) {
        LeaderElection election = new LeaderElection(store, new LeaseSettings(id, LEASE, Duration.ofMillis(500)),
                nanos::get);
        elections.add(election);
        return election;
    }

    @AfterEach
    void stop() {
        elections.forEach(LeaderElection::close);
        if (context != null) {
            context.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void oneHolderAtATimeAndTheTokenGrowsOnlyWhenTheHolderChanges(TestStores kind) {
        LeaseStore store = open(kind);
        AtomicLong clock = new AtomicLong(System.nanoTime());
        LeaderElection first = election(store, "first", clock);
        LeaderElection second = election(store, "second", clock);
        List<String> events = new ArrayList<>();
        first.start(listener("first", events));
        second.start(listener("second", events));

        await().atMost(Duration.ofSeconds(5)).until(() -> first.isLeader() || second.isLeader());
        LeaderElection leader = first.isLeader() ? first : second;
        LeaderElection standby = leader == first ? second : first;
        long token = leader.token().orElseThrow();
        leader.tryOnce();
        standby.tryOnce();

        assertThat(leader.token()).hasValue(token);
        assertThat(standby.isLeader()).isFalse();
        assertThat(store.current().holder()).contains(leader.instanceId());
        assertThat(events).containsExactly(leader.instanceId() + " elected " + token + " takeover=false");
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void aStandbyTakesOverAnExpiredLeaseWithAHigherToken(TestStores kind) {
        LeaseStore store = open(kind);
        AtomicLong pausedClock = new AtomicLong(System.nanoTime());
        AtomicLong clock = new AtomicLong(System.nanoTime());
        LeaderElection paused = election(store, "paused", pausedClock);
        LeaderElection standby = election(store, "standby", clock);
        paused.tryOnce();
        long before = paused.token().orElseThrow();
        standby.tryOnce();
        assertThat(standby.isLeader()).isFalse();

        // The leader is frozen: its own clock does not move, so it still believes it leads.
        await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(6)).until(() -> {
            standby.tryOnce();
            return standby.isLeader();
        });

        assertThat(standby.token()).hasValue(before + 1);
        assertThat(paused.isLeader()).as("the frozen leader's own view").isTrue();
        assertThatThrownBy(() -> paused.beforeMutation("shop", "create shop-web-1"))
                .isInstanceOf(FencedOutException.class).hasMessageContaining("paused");
        standby.beforeMutation("shop", "create shop-web-1");
        assertThat(fencingLog()).containsExactly((before + 1) + " standby create shop-web-1");
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void aFormerLeadersRolloutRecordIsRefusedAndNothingIsWritten(TestStores kind) {
        LeaseStore store = open(kind);
        AtomicLong pausedClock = new AtomicLong(System.nanoTime());
        LeaderElection paused = election(store, "paused", pausedClock);
        LeaderElection standby = election(store, "standby", new AtomicLong(System.nanoTime()));
        paused.tryOnce();
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        JdbcRolloutHistory pausedHistory = new JdbcRolloutHistory(context.getBean(RolloutRepository.class),
                transactions, paused, 10);
        pausedHistory.record(entry("before-pause"));

        await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(6)).until(() -> {
            standby.tryOnce();
            return standby.isLeader();
        });

        assertThatThrownBy(() -> pausedHistory.record(entry("late"))).isInstanceOf(FencedOutException.class);
        assertThat(pausedHistory.last("shop")).hasValueSatisfying(last ->
                assertThat(last.revision()).isEqualTo("before-pause"));
        assertThat(fencingLog()).containsExactly("1 paused record rollout of before-pause");
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void aLeaseHandedBackIsTakenAtOnceAndALeaderThatCannotRenewStops(TestStores kind) {
        LeaseStore store = open(kind);
        AtomicLong clock = new AtomicLong(System.nanoTime());
        LeaderElection leaving = election(store, "leaving", clock);
        LeaderElection next = election(store, "next", clock);
        leaving.tryOnce();
        leaving.close();
        next.tryOnce();
        assertThat(next.token()).hasValue(2);

        // Past its lease by its own clock, a holder stops even before the store says anything.
        clock.addAndGet(LEASE.toNanos());
        assertThat(next.isLeader()).isFalse();
        assertThatThrownBy(() -> next.beforeMutation("shop", "start shop-web-1"))
                .isInstanceOf(FencedOutException.class).hasMessageContaining("does not hold the lease");
    }

    private List<String> fencingLog() {
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        return transactions.executeRead(status -> {
            List<String> rows = new ArrayList<>();
            try (PreparedStatement select = status.getConnection().prepareStatement(
                    "SELECT token, holder, action FROM fencing_log ORDER BY id");
                    ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(row.getLong(1) + " " + row.getString(2) + " " + row.getString(3));
                }
            }
            return rows;
        });
    }

    private static LeaderElection.Listener listener(String name, List<String> events) {
        return new LeaderElection.Listener() {
            @Override
            public void elected(long token, boolean takeover) {
                synchronized (events) {
                    events.add(name + " elected " + token + " takeover=" + takeover);
                }
            }

            @Override
            public void lost(long token) {
                synchronized (events) {
                    events.add(name + " lost " + token);
                }
            }
        };
    }

    private static RolloutEntry entry(String revision) {
        return new RolloutEntry("shop", revision, "poll", Instant.now(), Instant.now(), "applied", "", "");
    }
}
