package dev.driftless.reconciler.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.driftless.reconciler.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The migrator on the real stores (H2 and PostgreSQL), and real Flyway 10 on the same databases:
 * a store made by either is accepted by the other, so stores made before the switch carry on and
 * Flyway could take a store over again.
 */
class SchemaMigratorIT {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    /** A pool on a fresh database of {@code store}, and its settings. */
    private record Database(Map<String, Object> settings, HikariDataSource pool) {

        String url() {
            return (String) settings.get("datasources.default.url");
        }

        String user() {
            return (String) settings.getOrDefault("datasources.default.username", "sa");
        }

        String password() {
            return (String) settings.getOrDefault("datasources.default.password", "");
        }
    }

    private Database fresh(TestStores store) {
        return pool(store.freshDatabase());
    }

    private Database pool(Map<String, Object> settings) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl((String) settings.get("datasources.default.url"));
        pool.setUsername((String) settings.getOrDefault("datasources.default.username", "sa"));
        pool.setPassword((String) settings.getOrDefault("datasources.default.password", ""));
        pool.setMaximumPoolSize(2);
        open.add(pool);
        return new Database(settings, pool);
    }

    private static Flyway flyway(Database db) {
        return Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .locations("classpath:db/migration").load();
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void aStoreFlywayMigratedIsAcceptedWithNothingToDoAndItsChecksumsAreOurs(TestStores store) throws SQLException {
        Database db = fresh(store);
        assertThat(flyway(db).migrate().migrationsExecuted).isEqualTo(BundledMigrations.FILES.size());

        SchemaMigrator.Report report = SchemaMigrator.bundled().migrate(db.pool());

        assertThat(report.applied()).isEmpty();
        Map<String, Integer> flywaysChecksums = new HashMap<>();
        for (AppliedMigration row : history(db.pool())) {
            flywaysChecksums.put(row.script(), row.checksum());
        }
        for (MigrationScript script : BundledMigrations.load(getClass().getClassLoader())) {
            assertThat(flywaysChecksums.get(script.migration().script())).as(script.migration().script())
                    .isEqualTo(script.checksum());
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void aStoreWeMigratedPassesFlywaysValidationAndFlywayHasNothingToApply(TestStores store) throws SQLException {
        Database db = fresh(store);

        SchemaMigrator.Report report = SchemaMigrator.bundled().migrate(db.pool());

        assertThat(report.applied()).extracting(Migration::script).containsExactlyElementsOf(BundledMigrations.FILES);
        Flyway flyway = flyway(db);
        flyway.validate();
        assertThat(flyway.migrate().migrationsExecuted).isZero();
        assertThat(history(db.pool())).extracting(AppliedMigration::rank, AppliedMigration::version)
                .startsWith(org.assertj.core.groups.Tuple.tuple(1, "1"), org.assertj.core.groups.Tuple.tuple(2, "2"))
                .hasSize(BundledMigrations.FILES.size());
        assertThat(SchemaMigrator.bundled().migrate(db.pool()).applied()).as("a second start").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void refusesAStoreWhoseAppliedScriptWasEditedAndNamesTheScript(TestStores store) {
        Database db = fresh(store);
        SchemaMigrator.bundled().migrate(db.pool());
        List<MigrationScript> edited = new ArrayList<>(BundledMigrations.load(getClass().getClassLoader()));
        MigrationScript v2 = edited.get(1);
        edited.set(1, new MigrationScript(v2.migration(), v2.text().replace("VARCHAR(255)", "VARCHAR(300)")));

        assertThatThrownBy(() -> new SchemaMigrator(edited).migrate(db.pool()))
                .isInstanceOf(StoreMigrationException.class)
                .hasMessageContaining("V2__app_setting.sql").hasMessageContaining("edited after it was applied");
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void aBrokenStatementNamesTheScriptAndItsLineAndLeavesTheStoreRefusedOrUntouched(TestStores store)
            throws SQLException {
        Database db = fresh(store);
        List<MigrationScript> scripts = new ArrayList<>(BundledMigrations.load(getClass().getClassLoader()));
        scripts.add(new MigrationScript(Migration.named("V15__broken.sql"),
                "CREATE TABLE fine (id INT);\n\n-- the next one's misspelt\nCREATE TABLEX broken (id INT);\n"));
        SchemaMigrator broken = new SchemaMigrator(scripts);

        assertThatThrownBy(() -> broken.migrate(db.pool())).isInstanceOf(StoreMigrationException.class)
                .hasMessageStartingWith("V15__broken.sql line 4: ").hasMessageContaining("TABLEX");

        List<AppliedMigration> history = history(db.pool());
        assertThat(history).hasSize(BundledMigrations.FILES.size() + (store == TestStores.POSTGRES ? 0 : 1));
        if (store == TestStores.POSTGRES) {
            assertThat(tableExists(db.pool(), "fine")).as("the failed script's transaction rolled back").isFalse();
        } else {
            assertThatThrownBy(() -> broken.migrate(db.pool())).as("H2 commits DDL: a person must repair")
                    .hasMessageContaining("V15__broken.sql").hasMessageContaining("failed part-way");
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void anOlderDriftlessStartsOnAStoreANewerOneMigratedAndSaysSo(TestStores store) throws SQLException {
        Database db = fresh(store);
        List<MigrationScript> newer = new ArrayList<>(BundledMigrations.load(getClass().getClassLoader()));
        newer.add(new MigrationScript(Migration.named("V99__from_a_newer_driftless.sql"),
                "CREATE TABLE later (id INT);"));
        new SchemaMigrator(newer).migrate(db.pool());

        SchemaMigrator.Report report = SchemaMigrator.bundled().migrate(db.pool());

        assertThat(report.applied()).isEmpty();
        assertThat(report.future()).containsExactly("V99__from_a_newer_driftless.sql");
    }

    @Test
    void twoInstancesStartingAtOnceOnOnePostgresApplyEachMigrationOnce() throws Exception {
        Database first = fresh(TestStores.POSTGRES);
        Database second = pool(first.settings());
        CountDownLatch go = new CountDownLatch(1);

        CompletableFuture<SchemaMigrator.Report> a = CompletableFuture.supplyAsync(() -> startAfter(go, first.pool()));
        CompletableFuture<SchemaMigrator.Report> b = CompletableFuture.supplyAsync(() -> startAfter(go, second.pool()));
        go.countDown();

        int appliedByBoth = a.get(60, TimeUnit.SECONDS).applied().size() + b.get(60, TimeUnit.SECONDS).applied().size();
        assertThat(appliedByBoth).isEqualTo(BundledMigrations.FILES.size());
        assertThat(history(first.pool())).extracting(AppliedMigration::script)
                .containsExactlyElementsOf(BundledMigrations.FILES);
        assertThat(tableExists(first.pool(), "leader_lease")).isTrue();
        flyway(first).validate();
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void theDaemonsStoreIsMigratedWhenItsPoolIsCreatedUnlessTurnedOff(TestStores store) throws SQLException {
        Map<String, Object> settings = new HashMap<>(store.freshDatabase());
        try (ApplicationContext context = ApplicationContext.run(settings)) {
            assertThat(history(raw(context))).hasSize(BundledMigrations.FILES.size());
        }
        Map<String, Object> off = new HashMap<>(store.freshDatabase());
        off.put("driftless.store.migrate", false);
        try (ApplicationContext context = ApplicationContext.run(off)) {
            assertThat(tableExists(raw(context), "flyway_schema_history")).isFalse();
        }
    }

    /** The pool itself: the bean is Micronaut Data's proxy, which serves only inside a transaction. */
    private static DataSource raw(ApplicationContext context) {
        return context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class));
    }

    private static SchemaMigrator.Report startAfter(CountDownLatch go, DataSource pool) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return SchemaMigrator.bundled().migrate(pool);
    }

    private static List<AppliedMigration> history(DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return SchemaHistory.read(connection);
        }
    }

    private static boolean tableExists(DataSource pool, String table) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("SELECT COUNT(*) FROM information_schema.tables"
                        + " WHERE LOWER(table_name) = '" + table + "'")) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }
}
