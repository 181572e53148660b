package dev.driftless.reconciler.store;

import java.util.Objects;

/**
 * One row of {@code "flyway_schema_history"}, as Flyway or {@link SchemaMigrator} wrote it.
 *
 * @param rank        {@code installed_rank}, the order rows were written in
 * @param version     the migration's version; null for rows without one (Flyway's markers)
 * @param description the migration's description
 * @param type        {@code SQL} for a script; Flyway also writes {@code TABLE}, {@code BASELINE}, ...
 * @param script      the file name
 * @param checksum    Flyway's CRC32 of the script; null for markers
 * @param success     false when the script failed part-way on a database without DDL transactions
 */
public record AppliedMigration(int rank, String version, String description, String type, String script,
        Integer checksum, boolean success) {

    public AppliedMigration {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(script, "script");
    }

    /** Whether this row records an SQL script (the only kind we write or check). */
    public boolean isSqlScript() {
        return "SQL".equals(type) && version != null;
    }
}
