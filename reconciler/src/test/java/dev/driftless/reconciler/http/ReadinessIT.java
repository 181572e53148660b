package dev.driftless.reconciler.http;

import dev.driftless.reconciler.testing.TestDaemon;
import dev.driftless.reconciler.testing.TestEngine;
import dev.driftless.reconciler.testing.TestRepo;
import dev.driftless.reconciler.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /health/readiness} says which part is not ready: here the store, a real PostgreSQL whose
 * database goes away under a running daemon. A load balancer then sees 503, and its log says why;
 * {@code /health}, the liveness a supervisor restarts on, stays 200: the process is alive and only
 * waits for its store.
 */
class ReadinessIT {

    @Test
    void anUnreachableStoreMakesTheDaemonNotReadyAndTheAnswerNamesTheStore(@TempDir Path temp) throws SQLException {
        Map<String, Object> database = TestStores.POSTGRES.freshDatabase();
        Map<String, Object> settings = new HashMap<>(database);
        settings.put("driftless.poll-interval", "1h");
        // A pool that gives up on a dead database in a second, so readiness answers at once.
        settings.put("datasources.default.connection-timeout", "1000");
        String app = TestEngine.uniqueApp("ready");
        try (TestRepo repo = TestRepo.init(temp.resolve(app))) {
            repo.write("README.md", "no apps yet").commit("Empty");
            try (TestDaemon daemon = TestDaemon.start(repo.directory(), temp.resolve("data"), settings)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> daemon.get("/health/readiness").statusCode() == 200);

                drop(database);

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    HttpResponse<String> readiness = daemon.get("/health/readiness");
                    assertThat(readiness.statusCode()).isEqualTo(503);
                    assertThat(readiness.body()).contains("\"store\":\"unreachable: ")
                            .containsPattern("\"not ready\":\\[\"store\"");
                });
                HttpResponse<String> liveness = daemon.get("/health");
                assertThat(liveness.statusCode()).isEqualTo(200);
                assertThat(liveness.body()).contains("\"status\":\"UP\"").doesNotContain("store");
            }
        }
    }

    /** Ends every session of the daemon's database and drops it: the store is gone, the server is not. */
    private static void drop(Map<String, Object> database) throws SQLException {
        String url = (String) database.get("datasources.default.url");
        String name = url.replaceFirst("^jdbc:postgresql://[^/]+/", "").replaceFirst("\\?.*$", "");
        try (Connection admin = DriverManager.getConnection(url.replace("/" + name, "/postgres"), "postgres",
                "postgres")) {
            try (PreparedStatement block = admin.prepareStatement(
                    "UPDATE pg_database SET datallowconn = false WHERE datname = ?")) {
                block.setString(1, name);
                block.executeUpdate();
            }
            try (PreparedStatement end = admin.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?")) {
                end.setString(1, name);
                end.executeQuery().close();
            }
            try (Statement dropping = admin.createStatement()) {
                dropping.execute("DROP DATABASE " + name);
            }
        }
    }
}
