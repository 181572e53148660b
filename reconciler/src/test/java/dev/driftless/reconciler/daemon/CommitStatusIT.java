package dev.driftless.reconciler.daemon;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.sun.net.httpserver.HttpServer;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.testing.TestCompose;
import dev.driftless.reconciler.testing.TestEngine;
import dev.driftless.reconciler.testing.TestDaemon;
import dev.driftless.reconciler.testing.TestRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Commit statuses from the daemon to a local server speaking GitHub's statuses endpoint: pending
 * then success for a deploy, and a provider that fails never holds the deploy up.
 */
class CommitStatusIT {

    private static final String TOKEN = "ghp_test_token_never_logged";

    @TempDir
    Path temp;

    private DockerEngine engine;
    private DockerClient docker;
    private TestRepo repo;
    private HttpServer github;
    private TestDaemon daemon;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(201);
    private String app;

    @BeforeEach
    void start() throws Exception {
        engine = TestEngine.connect();
        docker = engine.client();
        app = TestEngine.uniqueApp("status");
        repo = TestRepo.init(temp.resolve("fleet"));
        github = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        github.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.get(), reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        github.start();
    }

    private void startDaemon() throws Exception {
        Path token = temp.resolve("status-token");
        Files.writeString(token, TOKEN + "\n");
        daemon = TestDaemon.start(repo.directory(), temp.resolve("data"), Map.of(
                "driftless.source.status-token-file", token.toString(),
                "driftless.source.status-provider", "github",
                "driftless.source.status-api-url", "http://127.0.0.1:" + github.getAddress().getPort(),
                "driftless.source.status-repository", "acme/fleet",
                "driftless.poll-interval", "1s"));
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        github.stop(0);
        repo.close();
        TestEngine.removeTestObjects(docker);
        engine.close();
    }

    @Test
    void aDeployIsReportedPendingThenSuccessOnTheCommit() throws Exception {
        String commit = repo.write(app + "/compose.yaml", compose()).commit("Deploy");

        startDaemon();

        await().atMost(Duration.ofSeconds(60)).until(() -> requests.size() >= 2);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).startsWith("POST /repos/acme/fleet/statuses/" + commit + " Bearer " + TOKEN)
                .contains("\"state\":\"pending\"").contains("\"context\":\"driftless/" + app + "/default\"");
        assertThat(requests.get(1)).contains("\"state\":\"success\"").contains("Deployed: 2 to add");
    }

    @Test
    void aProviderThatFailsNeverHoldsTheDeployUp() throws Exception {
        answer.set(503);
        repo.write(app + "/compose.yaml", compose()).commit("Deploy while GitHub is down");

        startDaemon();

        await().atMost(Duration.ofSeconds(60)).until(this::running);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(metrics())
                .contains("driftless_commit_status_reports_total{outcome=\"failed\",provider=\"github\"}"));
        assertThat(metrics()).doesNotContain(TOKEN);
    }

    private boolean running() {
        try {
            return docker.inspectContainerCmd(app + "-web-1").exec().getState().getRunning();
        } catch (NotFoundException notYet) {
            return false;
        }
    }

    private String metrics() {
        return daemon.get("/metrics").body();
    }

    private static String compose() {
        return TestCompose.app(TestCompose.service("web", "status-it", Map.of()));
    }
}
