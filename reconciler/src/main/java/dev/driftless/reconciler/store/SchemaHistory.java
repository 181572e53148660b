package dev.driftless.reconciler.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Flyway's history table, {@code "flyway_schema_history"}, with Flyway's name and columns: every
 * store that Flyway migrated (earlier versions of Driftless) carries on unchanged, and Flyway
 * could take a store over again. The identifiers are quoted lower case, as Flyway creates them, so the same SQL
 * reads and writes the table on H2 and on PostgreSQL.
 */
final class SchemaHistory {

    static final String TABLE = "\"flyway_schema_history\"";

    private static final String CREATE = """
            CREATE TABLE IF NOT EXISTS "flyway_schema_history" (
                "installed_rank" INT NOT NULL,
                "version" VARCHAR(50),
                "description" VARCHAR(200) NOT NULL,
                "type" VARCHAR(20) NOT NULL,
                "script" VARCHAR(1000) NOT NULL,
                "checksum" INT,
                "installed_by" VARCHAR(100) NOT NULL,
                "installed_on" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
                "execution_time" INT NOT NULL,
                "success" BOOLEAN NOT NULL,
                CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank")
            )""";

    private static final String INDEX = """
            CREATE INDEX IF NOT EXISTS "flyway_schema_history_s_idx" ON "flyway_schema_history" ("success")""";

    private static final String READ = "SELECT \"installed_rank\", \"version\", \"description\", \"type\","
            + " \"script\", \"checksum\", \"success\" FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"";

    private static final String APPEND = """
            INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script",
                   "checksum", "installed_by", "execution_time", "success")
            VALUES ((SELECT COALESCE(MAX("installed_rank"), 0) + 1 FROM "flyway_schema_history"),
                    ?, ?, 'SQL', ?, ?, ?, ?, ?)""";

    private SchemaHistory() {
    }

    /** Creates the table and its index where they are missing; a table Flyway made is left as it is. */
    static void createIfMissing(Connection connection) throws SQLException {
        try (Statement create = connection.createStatement()) {
            create.execute(CREATE);
            create.execute(INDEX);
        }
    }

    static List<AppliedMigration> read(Connection connection) throws SQLException {
        List<AppliedMigration> rows = new ArrayList<>();
        try (Statement query = connection.createStatement(); ResultSet row = query.executeQuery(READ)) {
            while (row.next()) {
                int checksum = row.getInt(6);
                rows.add(new AppliedMigration(row.getInt(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.wasNull() ? null : checksum, row.getBoolean(7)));
            }
        }
        return rows;
    }

    /** Writes a script's row as Flyway does: type SQL, Flyway's checksum, the database user. */
    static void append(Connection connection, MigrationScript script, String user, long millis, boolean success)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(APPEND)) {
            insert.setString(1, script.migration().version());
            insert.setString(2, script.migration().description());
            insert.setString(3, script.migration().script());
            insert.setInt(4, script.checksum());
            insert.setString(5, user == null ? "" : user);
            insert.setInt(6, (int) Math.min(Integer.MAX_VALUE, millis));
            insert.setBoolean(7, success);
            insert.executeUpdate();
        }
    }
}
