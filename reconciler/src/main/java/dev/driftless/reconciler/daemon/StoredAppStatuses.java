package dev.driftless.reconciler.daemon;

import dev.driftless.reconciler.history.JdbcRolloutHistory;
import dev.driftless.reconciler.lease.StoreFence;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;

/**
 * The apps' statuses in the store (migrations V12, V14: health and the next retry): the leader writes them after each reconcile,
 * fenced like every write of a rollout; a standby reads them, so the read API answers the same on
 * every instance.
 */
@Singleton
public final class StoredAppStatuses {

    private final TransactionOperations<Connection> transactions;
    private final StoreFence fence;

    public StoredAppStatuses(TransactionOperations<Connection> transactions, @Nullable StoreFence fence) {
        this.transactions = transactions;
        this.fence = fence == null ? StoreFence.NONE : fence;
    }

    /** Replaces the statuses of {@code source}'s apps with {@code apps}. */
    public void replace(String source, Map<String, AppStatus> apps) {
        transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            fence.proveIn(connection, "*", "record app statuses of source " + source);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM app_status WHERE source = ?")) {
                delete.setString(1, source);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO app_status (app, source, revision, "
                    + "sync_status, result, error, reconciled_at, health, next_attempt_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (AppStatus app : apps.values()) {
                    insert.setString(1, app.app());
                    insert.setString(2, source);
                    insert.setString(3, app.revision());
                    insert.setString(4, app.sync());
                    insert.setString(5, app.result());
                    insert.setString(6, JdbcRolloutHistory.cut(app.error()));
                    insert.setTimestamp(7, Timestamp.from(app.reconciledAt()));
                    insert.setString(8, app.health());
                    insert.setTimestamp(9, app.nextAttemptAt().map(Timestamp::from).orElse(null));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** The statuses of {@code source}'s apps as the leader last wrote them, by app. */
    public Map<String, AppStatus> read(String source) {
        return transactions.executeRead(status -> {
            Map<String, AppStatus> apps = new HashMap<>();
            try (PreparedStatement select = status.getConnection().prepareStatement("SELECT app, revision, "
                    + "sync_status, result, error, reconciled_at, health, next_attempt_at FROM app_status "
                    + "WHERE source = ?")) {
                select.setString(1, source);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        apps.put(row.getString(1), new AppStatus(row.getString(1), source, row.getString(2),
                                row.getString(3), row.getString(7), row.getString(4), row.getString(5),
                                row.getTimestamp(6).toInstant(),
                                java.util.Optional.ofNullable(row.getTimestamp(8)).map(Timestamp::toInstant)));
                    }
                }
            }
            return apps;
        });
    }
}
