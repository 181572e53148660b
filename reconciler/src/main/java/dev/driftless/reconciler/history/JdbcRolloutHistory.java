package dev.driftless.reconciler.history;

import dev.driftless.reconciler.engine.RolloutEntry;
import dev.driftless.reconciler.engine.RolloutHistory;
import dev.driftless.reconciler.lease.StoreFence;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Optional;

/**
 * Rollout history in the daemon's store (H2 file by default, PostgreSQL for several instances).
 * Every write is fenced: it commits only in a transaction that proved the lease.
 */
@Singleton
public final class JdbcRolloutHistory implements RolloutHistory {

    /** Column width in migration V1; longer summaries and errors are cut, with a marker. */
    static final int MAX_TEXT = 8000;

    private final RolloutRepository rollouts;
    private final int keep;
    private final TransactionOperations<Connection> transactions;
    private final StoreFence fence;

    /**
     * @param fence proves the lease in each write's transaction; absent without a daemon
     * @param keep how many rollouts to keep per app ({@code driftless.history.keep}, default 10);
     *     older ones are deleted as new ones are recorded
     */
    public JdbcRolloutHistory(RolloutRepository rollouts, TransactionOperations<Connection> transactions,
            @Nullable StoreFence fence, @Value("${driftless.history.keep:10}") int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("driftless.history.keep must be at least 1, was " + keep);
        }
        this.rollouts = rollouts;
        this.keep = keep;
        this.transactions = transactions;
        this.fence = fence == null ? StoreFence.NONE : fence;
    }

    /**
     * @throws dev.driftless.reconciler.engine.FencedOutException when this instance no longer
     *     holds the lease; nothing is written then
     */
    @Override
    public void record(RolloutEntry entry) {
        transactions.executeWrite(status -> {
            fence.proveIn(status.getConnection(), entry.app(), "record rollout of " + entry.revision());
            saveAndTrim(entry);
            return null;
        });
    }

    private void saveAndTrim(RolloutEntry entry) {
        rollouts.save(new RolloutRow(null, entry.app(), entry.revision(), entry.trigger(), entry.startedAt(),
                entry.finishedAt(), entry.result(), cut(entry.summary()), cut(entry.error()), entry.target()));
        rollouts.findByAppOrderByIdDesc(entry.app(), Pageable.from(keep, 1)).stream().findFirst()
                .ifPresent(oldestDropped -> rollouts.deleteByAppAndIdLessThanEquals(entry.app(), oldestDropped.id()));
    }

    @Override
    public Optional<RolloutEntry> last(String app) {
        return rollouts.findFirstByAppOrderByIdDesc(app).map(JdbcRolloutHistory::entry);
    }

    @Override
    public Optional<RolloutEntry> last(String app, String target) {
        return rollouts.findFirstByAppAndTargetOrderByIdDesc(app, target).map(JdbcRolloutHistory::entry);
    }

    private static RolloutEntry entry(RolloutRow row) {
        return new RolloutEntry(row.app(), row.revision(), row.trigger(), row.startedAt(), row.finishedAt(),
                row.result(), row.summary(), row.error(), row.target());
    }

    public static String cut(String text) {
        String marker = " […cut]";
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - marker.length()) + marker;
    }
}
