package dev.driftless.reconciler.lease;

import com.github.dockerjava.api.DockerClient;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.testing.DaemonProcess;
import dev.driftless.reconciler.testing.TestDaemon;
import dev.driftless.reconciler.testing.TestEngine;
import dev.driftless.reconciler.testing.TestRepo;
import dev.driftless.reconciler.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three daemons, three real JVMs, one real PostgreSQL, one git source, the real engine, default
 * lease settings (15 s, renewed every 5 s): exactly one leads; killed mid-rollout, another takes
 * over in under 20 s and converges; frozen past its lease and thawed, its late writes are refused.
 * Every mutation is in the store's fencing log with its token, which the test reads to prove that
 * tokens never go backwards and that no two instances mutated under one token.
 */
class FailoverIT {

    private static final int SERVICES = 3;

    @TempDir
    Path temp;

    private DockerEngine engine;
    private DockerClient docker;
    private TestRepo repo;
    private String app;
    private Map<String, Object> store;
    private final List<DaemonProcess> daemons = new ArrayList<>();

    @BeforeEach
    void start() {
        engine = TestEngine.connect();
        docker = engine.client();
        app = TestEngine.uniqueApp("failover");
        store = TestStores.POSTGRES.freshDatabase();
        repo = TestRepo.init(temp.resolve("repo"));
        repo.write(app + "/compose.yaml", compose("first")).commit("First");
        for (String name : List.of("a", "b", "c")) {
            Map<String, String> properties = new HashMap<>();
            store.forEach((key, value) -> properties.put(key, value.toString()));
            properties.put("driftless.instance-id", name);
            daemons.add(DaemonProcess.start(name, repo.directory(), temp.resolve(name), properties));
        }
    }

    @AfterEach
    void stop() throws Exception {
        java.nio.file.Path logs = java.nio.file.Path.of("target", "failover-logs");
        java.nio.file.Files.createDirectories(logs);
        for (DaemonProcess daemon : daemons) {
            daemon.close();
            // Kept for the person reading a failure: the tests' temp folder is deleted.
            java.nio.file.Files.writeString(logs.resolve(daemon.name() + ".log"), daemon.output());
        }
        repo.close();
        TestEngine.removeTestObjects(docker);
        engine.close();
    }

    @Test
    void oneLeaderAKilledLeaderIsReplacedInTimeAndAFrozenOnesLateWritesAreRefused() throws Exception {
        // Three JVMs start at once: on a busy two-core machine that alone can take a minute or more.
        await().atMost(Duration.ofSeconds(300)).untilAsserted(() -> assertThat(greetings()).containsOnly("first"));
        Lease first = lease();
        assertThat(mutations()).extracting(Mutation::holder).containsOnly(first.holder());
        assertThat(daemons).allMatch(DaemonProcess::alive);

        // Killed mid-rollout: as soon as it has made the first step of the second revision.
        long before = lastMutationId();
        repo.write(app + "/compose.yaml", compose("second")).commit("Second");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> engineStepsAfter(before) > 0);
        DaemonProcess killed = daemon(first.holder());
        killed.kill();
        long killedAt = System.nanoTime();
        assertThat(greetings()).as("the kill came mid-rollout").isNotEqualTo(List.of("second", "second", "second"));

        await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(100))
                .until(() -> !lease().holder().equals(first.holder()) && lease().token() > first.token());
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
        System.out.printf("FailoverIT: %s took over %d ms after %s was killed%n", lease().holder(),
                takeover.toMillis(), first.holder());
        assertThat(takeover).as("lease (15 s) plus one renew period (5 s)").isLessThan(Duration.ofSeconds(20));
        Lease second = lease();
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(greetings()).containsOnly("second"));

        // Frozen mid-rollout past its lease, then thawed: the third leader's work stands, its none.
        long beforeFreeze = lastMutationId();
        repo.write(app + "/compose.yaml", compose("third")).commit("Third");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> engineStepsAfter(beforeFreeze) > 0);
        DaemonProcess frozen = daemon(second.holder());
        frozen.freeze();
        await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(100))
                .until(() -> lease().token() > second.token());
        Lease third = lease();
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(greetings()).containsOnly("third"));
        long thirdsFirst = mutations().stream().filter(m -> m.token() == third.token()).mapToLong(Mutation::id)
                .min().orElseThrow();
        frozen.thaw();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(frozen.output()).contains("refused"));
        Thread.sleep(3000);

        List<Mutation> log = mutations();
        assertThat(log).extracting(Mutation::holder).containsOnly(first.holder(), second.holder(), third.holder());
        for (int i = 1; i < log.size(); i++) {
            assertThat(log.get(i).token()).as("tokens never go backwards: %s after %s", log.get(i), log.get(i - 1))
                    .isGreaterThanOrEqualTo(log.get(i - 1).token());
        }
        Map<Long, String> holderOfToken = new HashMap<>();
        for (Mutation mutation : log) {
            assertThat(holderOfToken.computeIfAbsent(mutation.token(), token -> mutation.holder()))
                    .as("one holder per token (lease period): %s", mutation).isEqualTo(mutation.holder());
        }
        assertThat(log).filteredOn(m -> m.holder().equals(second.holder()) && m.id() > thirdsFirst)
                .as("the frozen leader's writes after the takeover").isEmpty();
        assertThat(greetings()).containsOnly("third");
        assertThat(lease().token()).isEqualTo(third.token());
    }

    private DaemonProcess daemon(String name) {
        return daemons.stream().filter(daemon -> daemon.name().equals(name)).findFirst().orElseThrow();
    }

    private List<String> greetings() {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= SERVICES; i++) {
            String entry = TestDaemon.environmentOf(docker, app + "-s" + i + "-1", "GREETING");
            values.add(entry.isEmpty() ? "" : entry.substring("GREETING=".length()));
        }
        return values;
    }

    /** Services that take the engine's whole stop timeout to stop (PID 1 ignores SIGTERM): a slow rollout. */
    private static String compose(String greeting) {
        StringBuilder text = new StringBuilder("services:\n");
        for (int i = 1; i <= SERVICES; i++) {
            text.append("  s").append(i).append(":\n")
                    .append("    image: busybox:1.36\n")
                    .append("    command: [\"sh\", \"-c\", \"sleep 3600\"]\n")
                    .append("    environment:\n      GREETING: \"").append(greeting).append("\"\n")
                    .append("    labels:\n      ").append(TestEngine.TEST_LABEL).append(": failover\n");
        }
        return text.toString();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(store.get("datasources.default.url").toString(),
                store.get("datasources.default.username").toString(),
                store.get("datasources.default.password").toString());
    }

    private Lease lease() throws SQLException {
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT holder, token FROM leader_lease WHERE expires_at > CURRENT_TIMESTAMP");
                ResultSet row = select.executeQuery()) {
            return row.next() ? new Lease(row.getString(1), row.getLong(2)) : new Lease("", 0);
        }
    }

    /** Steps on the engine (not records in the store) logged after the mutation {@code id}. */
    private long engineStepsAfter(long id) throws SQLException {
        return mutations().stream().filter(m -> m.id() > id && !m.action().startsWith("record")).count();
    }

    private long lastMutationId() throws SQLException {
        return mutations().stream().mapToLong(Mutation::id).max().orElse(0);
    }

    private List<Mutation> mutations() throws SQLException {
        List<Mutation> rows = new ArrayList<>();
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT id, token, holder, action FROM fencing_log WHERE app = ? ORDER BY id")) {
            select.setString(1, app);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new Mutation(row.getLong(1), row.getLong(2), row.getString(3), row.getString(4)));
                }
            }
        }
        return rows;
    }

    private record Lease(String holder, long token) {
    }

    private record Mutation(long id, long token, String holder, String action) {
    }

}
