package dev.driftless.reconciler.journal;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

/** Steps of the journal's rollouts; Micronaut Data generates the SQL at compile time. */
@JdbcRepository(dialect = Dialect.ANSI)
public interface JournalStepRepository extends CrudRepository<JournalStepRow, Long> {

    List<JournalStepRow> findByRolloutIdOrderByStepIndexAsc(Long rolloutId);

    Optional<JournalStepRow> findByRolloutIdAndStepIndex(Long rolloutId, int stepIndex);
}
