package dev.driftless.reconciler.history;

import dev.driftless.reconciler.engine.ReconcileScope;
import dev.driftless.reconciler.engine.Trigger;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reconcile requests passed through the store (migration V10): an instance that is not the
 * leader (a standby that received a webhook or an API sync) writes one; the leader takes them
 * all, oldest first, and queues them as if they had arrived at its own door.
 */
@Singleton
public final class StoredTriggers {

    private static final String EVERY_APP = "*";

    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public StoredTriggers(TransactionOperations<Connection> transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Leaves a request for the leader: reconcile {@code scope} of {@code source}. */
    public void write(String source, Trigger trigger, ReconcileScope scope) {
        transactions.executeWrite(status -> {
            try (PreparedStatement insert = status.getConnection().prepareStatement(
                    "INSERT INTO reconcile_trigger (source, apps, trigger_kind, created_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, source);
                insert.setString(2, encode(scope));
                insert.setString(3, trigger.name());
                insert.setTimestamp(4, Timestamp.from(clock.instant()));
                return insert.executeUpdate();
            }
        });
    }

    /** Takes every waiting request, oldest first; each is taken by exactly one caller. */
    public List<StoredTrigger> takeAll() {
        return transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            List<StoredTrigger> taken = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, source, apps, trigger_kind FROM reconcile_trigger ORDER BY id FOR UPDATE");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    taken.add(new StoredTrigger(rows.getLong(1), rows.getString(2), decode(rows.getString(3)),
                            Trigger.valueOf(rows.getString(4))));
                }
            }
            if (!taken.isEmpty()) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM reconcile_trigger WHERE id <= ?")) {
                    delete.setLong(1, taken.get(taken.size() - 1).id());
                    delete.executeUpdate();
                }
            }
            return taken;
        });
    }

    static String encode(ReconcileScope scope) {
        return scope instanceof ReconcileScope.Apps apps ? String.join(",", apps.names()) : EVERY_APP;
    }

    static ReconcileScope decode(String apps) {
        return EVERY_APP.equals(apps) ? ReconcileScope.ALL
                : ReconcileScope.apps(Set.copyOf(Arrays.asList(apps.split(","))));
    }

    /** One request taken from the store. */
    public record StoredTrigger(long id, String source, ReconcileScope scope, Trigger trigger) {
    }
}
