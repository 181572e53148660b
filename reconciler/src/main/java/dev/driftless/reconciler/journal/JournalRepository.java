package dev.driftless.reconciler.journal;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

/** Rollouts of the journal; Micronaut Data generates the SQL at compile time. */
@JdbcRepository(dialect = Dialect.ANSI)
public interface JournalRepository extends CrudRepository<JournalRolloutRow, Long> {

    List<JournalRolloutRow> findByStateOrderByIdAsc(String state);

    List<JournalRolloutRow> findTop20ByAppOrderByIdDesc(String app);

    void deleteByAppAndIdLessThan(String app, Long id);
}
