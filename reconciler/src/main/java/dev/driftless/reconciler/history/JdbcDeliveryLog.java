package dev.driftless.reconciler.history;

import dev.driftless.providers.webhook.DeliveryLog;
import dev.driftless.providers.webhook.InMemoryDeliveryLog;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * The webhook delivery log in the store (migration V10), shared by every instance: a provider's
 * retry that reaches another instance behind the load balancer is still recognised, and a restart
 * forgets nothing. Bounded by age: ids older than the retention (24 h) are deleted as new ones
 * arrive, and only deliveries whose signature verified ever reach it.
 */
@Singleton
public final class JdbcDeliveryLog implements DeliveryLog {

    private static final int MAX_ID = 255;

    private final TransactionOperations<Connection> transactions;
    private final Duration retention;

    public JdbcDeliveryLog(TransactionOperations<Connection> transactions) {
        this(transactions, InMemoryDeliveryLog.DEFAULT_RETENTION);
    }

    JdbcDeliveryLog(TransactionOperations<Connection> transactions, Duration retention) {
        this.transactions = transactions;
        this.retention = retention;
    }

    @Override
    public boolean firstSeen(String provider, String deliveryId, Instant now) {
        String id = deliveryId.length() <= MAX_ID ? deliveryId : deliveryId.substring(0, MAX_ID);
        try {
            return record(provider, id, now);
        } catch (RuntimeException e) {
            if (duplicateKey(e)) {
                // A twin delivery committed on another instance between our look and our insert.
                return false;
            }
            throw e;
        }
    }

    private boolean record(String provider, String id, Instant now) {
        return transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            try (PreparedStatement expire = connection.prepareStatement(
                    "DELETE FROM webhook_delivery WHERE received_at <= ?")) {
                expire.setTimestamp(1, Timestamp.from(now.minus(retention)));
                expire.executeUpdate();
            }
            try (PreparedStatement seen = connection.prepareStatement(
                    "SELECT 1 FROM webhook_delivery WHERE provider = ? AND delivery_id = ?")) {
                seen.setString(1, provider);
                seen.setString(2, id);
                try (ResultSet row = seen.executeQuery()) {
                    if (row.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO webhook_delivery (provider, delivery_id, received_at) VALUES (?, ?, ?)")) {
                insert.setString(1, provider);
                insert.setString(2, id);
                insert.setTimestamp(3, Timestamp.from(now));
                insert.executeUpdate();
                return true;
            }
        });
    }

    /** SQLSTATE 23505, unique violation: the same code on H2 and PostgreSQL. */
    private static boolean duplicateKey(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
