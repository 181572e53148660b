package dev.driftless.reconciler.lease;

import dev.driftless.reconciler.engine.FencedOutException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The lease row and the fencing log in the store (migration V11), in SQL that H2 and PostgreSQL
 * both run. Every time is the database's ({@code CURRENT_TIMESTAMP}): instances never compare
 * their own clocks.
 */
@Singleton
public final class LeaseStore {

    static final String LEASE = "reconciler";

    /**
     * Takes the lease when it is free or expired, or renews it for its holder. The token grows
     * only when the holder changes, so a renewal keeps it and a takeover always raises it.
     */
    private static final String ACQUIRE = """
            UPDATE leader_lease
               SET token = CASE WHEN holder = ? THEN token ELSE token + 1 END,
                   holder = ?,
                   expires_at = CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '0.001' SECOND,
                   renewed_at = CURRENT_TIMESTAMP
             WHERE name = ?
               AND (holder = ? OR holder IS NULL OR expires_at IS NULL OR expires_at < CURRENT_TIMESTAMP)""";

    /** Locks the lease row for the caller's transaction, so no takeover commits before its write does. */
    private static final String PROVE = """
            SELECT token FROM leader_lease
             WHERE name = ? AND holder = ? AND token = ? AND expires_at > CURRENT_TIMESTAMP
               FOR UPDATE""";

    /**
     * How long PostgreSQL lets a transaction of ours sit idle before it ends the session. A
     * process frozen (SIGSTOP, a long GC pause) inside a transaction that locked the lease row
     * would otherwise hold that lock, and block every takeover, until it wakes up.
     */
    static final Duration IDLE_IN_TRANSACTION_LIMIT = Duration.ofSeconds(2);

    private final TransactionOperations<Connection> transactions;

    public LeaseStore(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /**
     * Takes or renews the lease for {@code instance} for {@code duration}.
     *
     * @return the fencing token when {@code instance} holds the lease now; empty when another does
     */
    public OptionalLong acquire(String instance, Duration duration) {
        return transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            limitIdleTransaction(connection);
            try (PreparedStatement update = connection.prepareStatement(ACQUIRE)) {
                update.setString(1, instance);
                update.setString(2, instance);
                update.setLong(3, duration.toMillis());
                update.setString(4, LEASE);
                update.setString(5, instance);
                if (update.executeUpdate() == 0) {
                    return OptionalLong.empty();
                }
            }
            LeaseState now = read(connection);
            return instance.equals(now.holder().orElse(null)) ? OptionalLong.of(now.token()) : OptionalLong.empty();
        });
    }

    /** Gives the lease up (on shutdown), so a standby takes over at once instead of after the expiry. */
    public void release(String instance) {
        transactions.executeWrite(status -> {
            try (PreparedStatement update = status.getConnection().prepareStatement(
                    "UPDATE leader_lease SET expires_at = NULL WHERE name = ? AND holder = ?")) {
                update.setString(1, LEASE);
                update.setString(2, instance);
                return update.executeUpdate();
            }
        });
    }

    /** Who holds the lease, with which token, and whether it is still valid by the database's clock. */
    public LeaseState current() {
        return transactions.executeRead(status -> read(status.getConnection()));
    }

    /**
     * Proves inside the caller's transaction that {@code instance} still holds the lease with
     * {@code token}, and records the mutation with that token in the same transaction: the
     * mutation and its record commit together, or neither does.
     *
     * @throws FencedOutException when the lease has expired or passed to another holder
     */
    public void prove(Connection connection, String instance, long token, String app, String action) {
        try {
            limitIdleTransaction(connection);
            try (PreparedStatement prove = connection.prepareStatement(PROVE)) {
                prove.setString(1, LEASE);
                prove.setString(2, instance);
                prove.setLong(3, token);
                try (ResultSet row = prove.executeQuery()) {
                    if (!row.next()) {
                        throw new FencedOutException("instance " + instance + " no longer holds the lease with token "
                                + token + " (now: " + read(connection) + "); refused: " + action + " of " + app);
                    }
                }
            }
            try (PreparedStatement log = connection.prepareStatement("INSERT INTO fencing_log "
                    + "(token, holder, app, action, made_at) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
                log.setLong(1, token);
                log.setString(2, instance);
                log.setString(3, app);
                log.setString(4, action.length() <= 1000 ? action : action.substring(0, 1000));
                log.executeUpdate();
            }
        } catch (SQLException e) {
            throw new FencedOutException("could not prove the lease in the store: " + e.getMessage());
        }
    }

    /** Proves the lease and records the mutation in a transaction of its own (an engine step). */
    public void prove(String instance, long token, String app, String action) {
        transactions.executeWrite(status -> {
            prove(status.getConnection(), instance, token, app, action);
            return null;
        });
    }

    /** Forgets fencing-log entries older than {@code age}, so the log stays bounded. */
    public int forgetMutationsOlderThan(Duration age) {
        return transactions.executeWrite(status -> {
            try (PreparedStatement delete = status.getConnection().prepareStatement("DELETE FROM fencing_log "
                    + "WHERE made_at < CURRENT_TIMESTAMP - CAST(? AS BIGINT) * INTERVAL '1' SECOND")) {
                delete.setLong(1, age.toSeconds());
                return delete.executeUpdate();
            }
        });
    }

    /** On PostgreSQL, for this transaction only; H2 serves one instance, which cannot freeze apart from itself. */
    private static void limitIdleTransaction(Connection connection) throws SQLException {
        if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            try (PreparedStatement set = connection.prepareStatement("SET LOCAL idle_in_transaction_session_timeout = "
                    + IDLE_IN_TRANSACTION_LIMIT.toMillis())) {
                set.execute();
            }
        }
    }

    private static LeaseState read(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT holder, token, "
                + "CASE WHEN expires_at > CURRENT_TIMESTAMP THEN 1 ELSE 0 END AS valid "
                + "FROM leader_lease WHERE name = ?")) {
            select.setString(1, LEASE);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("the lease row '" + LEASE + "' is missing (migration V11 inserts it)");
                }
                return new LeaseState(Optional.ofNullable(row.getString(1)), row.getLong(2), row.getInt(3) == 1);
            }
        }
    }

    /** The lease as the store sees it now. */
    public record LeaseState(Optional<String> holder, long token, boolean valid) {
        @Override
        public String toString() {
            return holder.map(name -> name + (valid ? "" : " (expired)")).orElse("nobody") + ", token " + token;
        }
    }
}
