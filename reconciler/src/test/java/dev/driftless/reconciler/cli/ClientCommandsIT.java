package dev.driftless.reconciler.cli;

import com.github.dockerjava.api.DockerClient;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.testing.TestDaemon;
import dev.driftless.reconciler.testing.TestCompose;
import dev.driftless.reconciler.testing.TestEngine;
import dev.driftless.reconciler.testing.TestRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** status, history and sync as a person types them, against a running daemon. */
class ClientCommandsIT {

    @TempDir
    Path temp;

    private DockerEngine engine;
    private DockerClient docker;
    private TestRepo repo;
    private TestDaemon daemon;
    private String app;
    private Path token;

    @BeforeEach
    void start() throws Exception {
        engine = TestEngine.connect();
        docker = engine.client();
        app = TestEngine.uniqueApp("cli-client");
        repo = TestRepo.init(temp.resolve("fleet"));
        repo.write(app + "/compose.yaml", TestCompose.app(TestCompose.service("web", "cli-client-it", Map.of()))).commit("Deploy");
        token = temp.resolve("token");
        Files.writeString(token, "cli-token\n");
        daemon = TestDaemon.start(repo.directory(), temp.resolve("data"),
                Map.of("driftless.poll-interval", "1h", "driftless.api.token-file", token.toString()));
        // Listed as Progressing from the start of its first rollout; deployed once that ended.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(daemon.get("/api/apps").body()).contains(app).contains("\"health\":\"Healthy\""));
    }

    @AfterEach
    void stop() {
        daemon.close();
        repo.close();
        TestEngine.removeTestObjects(docker);
        engine.close();
    }

    @Test
    void statusHistoryAndSyncTalkToTheDaemon() {
        String url = daemon.uri("").toString();

        String[] status = run("status", "--url", url);
        String[] history = run("history", app, "--url", url);
        String[] syncWithoutToken = run("sync", app, "--url", url);
        String[] sync = run("sync", app, "--url", url, "--token-file", token.toString());

        assertThat(status[0]).isEqualTo("0");
        assertThat(status[1]).contains("APP").contains("SYNC").containsPattern(app + "\\s+fleet\\s+Synced\\s+applied");
        assertThat(history[0]).isEqualTo("0");
        assertThat(history[1]).contains("startup").contains("applied");
        assertThat(syncWithoutToken[0]).isEqualTo("1");
        assertThat(sync[0]).isEqualTo("0");
        assertThat(sync[1]).contains("queued: app " + app);

        String[] suspend = run("suspend", app, "--url", url, "--token-file", token.toString());
        String[] suspendedStatus = run("status", "--url", url, "--output", "json");
        String[] resume = run("resume", app, "--url", url, "--token-file", token.toString());

        assertThat(suspend[0]).isEqualTo("0");
        assertThat(suspendedStatus[1]).contains("\"health\":\"Suspended\"");
        assertThat(resume[0]).isEqualTo("0");

        String[] nothingToRollBackTo = run("rollback", app, "--url", url, "--token-file", token.toString());
        assertThat(nothingToRollBackTo[0]).as("one revision only: nothing earlier").isEqualTo("1");
    }

    @Test
    void statusSaysSoWhenNoDaemonAnswers() {
        assertThat(run("status", "--url", "http://127.0.0.1:1")[0]).isEqualTo("1");
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            int exit = DriftlessMain.commandLine().execute(args);
            return new String[] {Integer.toString(exit), out.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }
    }
}
