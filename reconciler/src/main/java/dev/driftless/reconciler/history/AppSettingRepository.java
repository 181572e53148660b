package dev.driftless.reconciler.history;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

/**
 * Per-app settings; Micronaut Data generates the SQL at compile time.
 *
 * <p>The SQL is generated at compile time for one dialect, and only paging is rebuilt at run time
 * for the configured {@code datasources.default.dialect}; so the repository is built for ANSI SQL
 * and its entities' names are left unquoted ({@code escape = false}): the same statements then run
 * on H2 and on PostgreSQL (H2's own dialect quotes with back-ticks, which PostgreSQL rejects).
 */
@JdbcRepository(dialect = Dialect.ANSI)
public interface AppSettingRepository extends CrudRepository<AppSettingRow, String> {

    List<AppSettingRow> findBySuspendedTrue();
}
