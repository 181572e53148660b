package dev.driftless.reconciler.history;

import dev.driftless.reconciler.engine.RolloutEntry;
import dev.driftless.reconciler.engine.RolloutHistory;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Rollout history in the daemon's store (H2 file by default). */
@Singleton
public final class JdbcRolloutHistory implements RolloutHistory {

    /** Column width in migration V1; longer summaries and errors are cut, with a marker. */
    static final int MAX_TEXT = 8000;

    private final RolloutRepository rollouts;
    private final int keep;

    /**
     * @param keep how many rollouts to keep per app ({@code driftless.history.keep}, default 10);
     *     older ones are deleted as new ones are recorded
     */
    public JdbcRolloutHistory(RolloutRepository rollouts, @Value("${driftless.history.keep:10}") int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("driftless.history.keep must be at least 1, was " + keep);
        }
        this.rollouts = rollouts;
        this.keep = keep;
    }

    @Override
    public void record(RolloutEntry entry) {
        rollouts.save(new RolloutRow(null, entry.app(), entry.revision(), entry.trigger(), entry.startedAt(),
                entry.finishedAt(), entry.result(), cut(entry.summary()), cut(entry.error())));
        rollouts.findByAppOrderByIdDesc(entry.app(), Pageable.from(keep, 1)).stream().findFirst()
                .ifPresent(oldestDropped -> rollouts.deleteByAppAndIdLessThanEquals(entry.app(), oldestDropped.id()));
    }

    @Override
    public Optional<RolloutEntry> last(String app) {
        return rollouts.findFirstByAppOrderByIdDesc(app).map(row -> new RolloutEntry(row.app(), row.revision(),
                row.trigger(), row.startedAt(), row.finishedAt(), row.result(), row.summary(), row.error()));
    }

    static String cut(String text) {
        String marker = " […cut]";
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - marker.length()) + marker;
    }
}
