package dev.driftless.reconciler.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Brings a store's schema to this version's: checks the history ({@link MigrationCheck}), then
 * runs each pending script and writes its history row, in Flyway's table and format. It replaces
 * Flyway, which cost about a second of the daemon's start for nine small scripts.
 *
 * <p>Each script runs in one transaction together with its history row. On PostgreSQL that is
 * atomic: a failed script leaves nothing behind and is simply run again on the next start. H2
 * commits each DDL statement by itself, so a script that fails there may leave part of its
 * changes; as Flyway does, a failed row is then written, and the next start refuses the store
 * until a person repairs it (the error says how).
 *
 * <p>Several instances may start at once on one PostgreSQL: they are serialised by a
 * session-level advisory lock held on the migrating connection, under the key Flyway itself uses
 * for the {@code public} schema, so that an older, Flyway-based instance starting at the same
 * moment waits too. H2's file store admits one process (its file lock); in-memory H2 databases
 * live in this JVM, so a Java lock suffices there.
 */
public final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    /** Flyway's PostgreSQL advisory lock: its magic number plus the hash of the quoted table name. */
    static final long POSTGRES_LOCK_KEY = 77431708279161L + "\"public\".\"flyway_schema_history\"".hashCode();

    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final List<MigrationScript> bundled;

    public SchemaMigrator(List<MigrationScript> bundled) {
        this.bundled = List.copyOf(bundled);
    }

    /** A migrator of the scripts this jar ships ({@link BundledMigrations#FILES}). */
    public static SchemaMigrator bundled() {
        return new SchemaMigrator(BundledMigrations.load(SchemaMigrator.class.getClassLoader()));
    }

    /**
     * What one run did.
     *
     * @param applied the scripts applied now, in order
     * @param future  applied versions this jar does not know (a newer Driftless migrated the store)
     */
    public record Report(List<Migration> applied, List<String> future) {

        public Report {
            applied = List.copyOf(applied);
            future = List.copyOf(future);
        }
    }

    /**
     * Migrates the store behind {@code dataSource}; returns when its schema is this version's.
     *
     * @throws StoreMigrationException when the history is refused or a statement fails
     */
    public Report migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                    .contains("postgres");
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try {
                return postgres ? underAdvisoryLock(connection) : underJavaLock(connection);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreMigrationException("could not migrate the store's schema: " + e.getMessage(), e);
        }
    }

    private Report underJavaLock(Connection connection) throws SQLException {
        IN_PROCESS.lock();
        try {
            return migrateLocked(connection, false);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    private Report underAdvisoryLock(Connection connection) throws SQLException {
        advisory(connection, "SELECT pg_advisory_lock(?)");
        Report report;
        try {
            report = migrateLocked(connection, true);
        } catch (RuntimeException | SQLException e) {
            try {
                advisory(connection, "SELECT pg_advisory_unlock(?)");
            } catch (SQLException unlock) {
                e.addSuppressed(unlock);
            }
            throw e;
        }
        advisory(connection, "SELECT pg_advisory_unlock(?)");
        return report;
    }

    private static void advisory(Connection connection, String sql) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(sql)) {
            lock.setLong(1, POSTGRES_LOCK_KEY);
            lock.executeQuery().close();
        }
    }

    private Report migrateLocked(Connection connection, boolean transactionalDdl) throws SQLException {
        SchemaHistory.createIfMissing(connection);
        MigrationCheck.Outcome outcome = MigrationCheck.check(bundled, SchemaHistory.read(connection));
        List<String> future = outcome.future().stream().map(AppliedMigration::script).toList();
        if (!future.isEmpty()) {
            LOG.warn("the store holds migrations this Driftless does not know ({}): a newer version migrated it;"
                    + " carrying on, as their changes only add to the schema this version reads",
                    String.join(", ", future));
        }
        String user = connection.getMetaData().getUserName();
        List<Migration> applied = new ArrayList<>();
        for (MigrationScript script : outcome.pending()) {
            apply(connection, script, user, transactionalDdl);
            applied.add(script.migration());
        }
        if (!applied.isEmpty()) {
            LOG.info("store schema migrated: {}", applied.stream().map(Migration::script).toList());
        }
        return new Report(applied, future);
    }

    private static void apply(Connection connection, MigrationScript script, String user, boolean transactionalDdl)
            throws SQLException {
        long start = System.nanoTime();
        connection.setAutoCommit(false);
        try {
            for (SqlStatement statement : SqlScript.statements(script.text())) {
                execute(connection, script, statement);
            }
            SchemaHistory.append(connection, script, user, elapsedMillis(start), true);
            connection.commit();
        } catch (StoreMigrationException | SQLException e) {
            connection.rollback();
            if (!transactionalDdl) {
                // H2 already committed the script's DDL: record the failure, so the next start
                // refuses the store instead of running a half-applied script again.
                SchemaHistory.append(connection, script, user, elapsedMillis(start), false);
                connection.commit();
            }
            throw e instanceof StoreMigrationException failed ? failed : new StoreMigrationException(
                    script.migration().script() + ": could not record it in " + SchemaHistory.TABLE + ": "
                            + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void execute(Connection connection, MigrationScript script, SqlStatement statement) {
        try (Statement run = connection.createStatement()) {
            run.execute(statement.sql());
        } catch (SQLException e) {
            throw new StoreMigrationException(script.migration().script() + " line " + statement.line() + ": "
                    + e.getMessage(), e);
        }
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
