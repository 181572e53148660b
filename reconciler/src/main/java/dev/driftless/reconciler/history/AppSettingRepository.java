package dev.driftless.reconciler.history;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

/** Per-app settings; Micronaut Data generates the SQL at compile time. */
@JdbcRepository(dialect = Dialect.H2)
public interface AppSettingRepository extends CrudRepository<AppSettingRow, String> {

    List<AppSettingRow> findBySuspendedTrue();
}
