package dev.driftless.reconciler.history;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

/**
 * Queries over rollout history; Micronaut Data generates the SQL at compile time.
 *
 * <p>The SQL is generated at compile time for one dialect, and only paging is rebuilt at run time
 * for the configured {@code datasources.default.dialect}; so the repository is built for ANSI SQL
 * and its entities' names are left unquoted ({@code escape = false}): the same statements then run
 * on H2 and on PostgreSQL (H2's own dialect quotes with back-ticks, which PostgreSQL rejects).
 */
@JdbcRepository(dialect = Dialect.ANSI)
public interface RolloutRepository extends CrudRepository<RolloutRow, Long> {

    Optional<RolloutRow> findFirstByAppOrderByIdDesc(String app);

    Optional<RolloutRow> findFirstByAppAndTargetOrderByIdDesc(String app, String target);

    List<RolloutRow> findTop50ByAppOrderByIdDesc(String app);

    List<RolloutRow> findTop50OrderByIdDesc();

    /** The app's rows newest first, a page at a time: page {@code n} of size 1 is the (n+1)-th newest. */
    List<RolloutRow> findByAppOrderByIdDesc(String app, Pageable pageable);

    void deleteByAppAndIdLessThanEquals(String app, Long id);
}
