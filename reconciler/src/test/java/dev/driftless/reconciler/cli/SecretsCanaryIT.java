package dev.driftless.reconciler.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.github.dockerjava.api.DockerClient;
import dev.driftless.manifests.secrets.age.Age;
import dev.driftless.manifests.secrets.age.X25519Identity;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.history.RolloutRepository;
import dev.driftless.reconciler.history.RolloutRow;
import dev.driftless.reconciler.testing.TestDaemon;
import dev.driftless.reconciler.testing.TestEngine;
import dev.driftless.reconciler.testing.TestRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Invariant 7, proved end to end: a daemon deploys an app whose env file is age-encrypted, and its
 * secret value (a unique canary) reaches the container's environment and nothing else — no log
 * line, no file under the data folder (the H2 database included), no API response, no metric, no
 * plan output. Then a file no identity opens fails the app's rollout and leaves it running.
 */
class SecretsCanaryIT {

    @TempDir
    Path temp;

    private final SecureRandom random = new SecureRandom();
    private final X25519Identity identity = X25519Identity.generate(random);
    private final String canary = "canary-" + UUID.randomUUID();
    private final String interpolatedCanary = "canary-" + UUID.randomUUID();
    private final CapturedLogs logs = new CapturedLogs();
    private DockerEngine engine;
    private DockerClient docker;
    private TestRepo repo;
    private TestDaemon daemon;
    private String app;
    private Path keyFile;

    @BeforeEach
    void start() throws Exception {
        logs.attach();
        engine = TestEngine.connect();
        docker = engine.client();
        app = TestEngine.uniqueApp("secrets");
        keyFile = temp.resolve("keys/age.txt");
        Files.createDirectories(keyFile.getParent());
        Files.writeString(keyFile, identity.encode() + "\n");
        repo = TestRepo.init(temp.resolve("repo"));
        repo.write(app + "/compose.yaml", """
                services:
                  web:
                    image: busybox:1.36
                    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
                    env_file: secrets.env.age
                    environment:
                      DSN: "postgres://app:${DB_PASSWORD}@db/app"
                      PLAIN: visible
                    labels:
                      test.driftless.kind: secrets
                """);
        writeEncrypted(app + "/secrets.env.age", "CANARY=" + canary + "\n", identity, false);
        writeEncrypted(app + "/.env", "DB_PASSWORD=" + interpolatedCanary + "\n", identity, true);
        repo.commit("An app with secrets");
        daemon = TestDaemon.start(repo.directory(), temp.resolve("data"), Map.of(
                "driftless.poll-interval", "1s",
                "driftless.secrets.age-key-file", keyFile.toString()));
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        logs.detach();
        repo.close();
        TestEngine.removeTestObjects(docker);
        engine.close();
    }

    @Test
    void theSecretReachesTheContainerAndNothingElse() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                TestDaemon.environmentOf(docker, app + "-web-1", "CANARY")).isEqualTo("CANARY=" + canary));
        assertThat(TestDaemon.environmentOf(docker, app + "-web-1", "DSN"))
                .isEqualTo("DSN=postgres://app:" + interpolatedCanary + "@db/app");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                daemon.get("/metrics").body()).contains("driftless_managed_containers{app=\"" + app + "\","));

        List<String> responses = new ArrayList<>();
        for (String path : List.of("/api/apps", "/api/apps/" + app, "/api/apps/" + app + "/history",
                "/api/sources", "/metrics", "/health", "/health/readiness")) {
            responses.add(path + " -> " + daemon.get(path).body());
        }
        String inSyncPlan = plan("--identity", keyFile.toString(), repo.directory().toString());
        String jsonPlan = plan("--identity", keyFile.toString(), "--output", "json", repo.directory().toString());
        writeEncrypted(app + "/secrets.env.age", "CANARY=" + canary + "-rotated\n", identity, false);
        String changedPlan = plan("--identity", keyFile.toString(), repo.directory().toString());
        daemon.close();
        daemon = null;

        assertThat(changedPlan).as("a changed secret is a change to its container, named but not shown")
                .contains(app + "-web-1").contains("secret CANARY changed (values not shown)");
        assertThat(List.of(inSyncPlan, jsonPlan, changedPlan)).allSatisfy(this::hasNoCanary);
        assertThat(responses).allSatisfy(this::hasNoCanary);
        assertThat(logs.lines()).isNotEmpty().allSatisfy(this::hasNoCanary);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(temp.resolve("data"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("the data folder holds the H2 store")
                .anySatisfy(file -> assertThat(file.toString()).endsWith(".mv.db"));
        for (Path file : files) {
            // Bytes as Latin-1 text: one char per byte, so a byte sequence is found as a substring.
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE,
                    StandardCharsets.UTF_16LE)) {
                for (String secret : List.of(canary, interpolatedCanary)) {
                    assertThat(content).as("%s in %s", charset, file)
                            .doesNotContain(new String(secret.getBytes(charset), StandardCharsets.ISO_8859_1));
                }
            }
        }
    }

    @Test
    void aFileNoIdentityOpensFailsTheRolloutAndLeavesTheAppRunning() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                TestDaemon.environmentOf(docker, app + "-web-1", "CANARY")).isEqualTo("CANARY=" + canary));
        String running = docker.inspectContainerCmd(app + "-web-1").exec().getId();
        X25519Identity stranger = X25519Identity.generate(random);

        writeEncrypted(app + "/secrets.env.age", "CANARY=" + canary + "-new\n", stranger, false);
        String bad = repo.commit("A secret for someone else");

        RolloutRepository rollouts = daemon.context().getBean(RolloutRepository.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                rollouts.findFirstByAppOrderByIdDesc(app)).hasValueSatisfying(row -> {
                    assertThat(row.revision()).isEqualTo(bad);
                    assertThat(row.result()).isEqualTo("failed");
                }));
        RolloutRow failed = rollouts.findFirstByAppOrderByIdDesc(app).orElseThrow();
        assertThat(failed.error()).contains(app + "/secrets.env.age")
                .contains("none of the 1 age identity").contains("1 X25519 recipient");
        assertThat(docker.inspectContainerCmd(app + "-web-1").exec().getId()).isEqualTo(running);
        assertThat(docker.inspectContainerCmd(running).exec().getState().getRunning()).isTrue();
        assertThat(TestDaemon.environmentOf(docker, app + "-web-1", "CANARY")).isEqualTo("CANARY=" + canary);
    }

    private void hasNoCanary(String text) {
        assertThat(text).doesNotContain(canary).doesNotContain(interpolatedCanary);
    }

    private void writeEncrypted(String path, String plaintext, X25519Identity to, boolean armor) throws IOException {
        byte[] file = Age.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), List.of(to.recipient()), armor);
        Path target = repo.directory().resolve(path);
        Files.createDirectories(target.getParent());
        Files.write(target, file);
    }

    private static String plan(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            String[] all = Stream.concat(Stream.of("plan"), Stream.of(args)).toArray(String[]::new);
            int exit = DriftlessMain.commandLine().execute(all);
            assertThat(exit).as("plan's exit code").isIn(0, 1);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }

    /** Every log event of the JVM while the test runs, with Driftless at DEBUG, formatted with its stack trace. */
    private static final class CapturedLogs extends AppenderBase<ILoggingEvent> {

        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private Level previous;

        void attach() {
            Logger driftless = (Logger) LoggerFactory.getLogger("dev.driftless");
            previous = driftless.getLevel();
            driftless.setLevel(Level.DEBUG);
            setContext(driftless.getLoggerContext());
            start();
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(this);
        }

        void detach() {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(this);
            ((Logger) LoggerFactory.getLogger("dev.driftless")).setLevel(previous);
            stop();
        }

        @Override
        protected void append(ILoggingEvent event) {
            String line = event.getLoggerName() + " " + event.getFormattedMessage();
            if (event.getThrowableProxy() != null) {
                line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
            }
            lines.add(line);
        }

        List<String> lines() {
            return List.copyOf(lines);
        }
    }
}
