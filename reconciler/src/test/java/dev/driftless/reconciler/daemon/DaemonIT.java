package dev.driftless.reconciler.daemon;

import com.github.dockerjava.api.DockerClient;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.history.RolloutRepository;
import dev.driftless.reconciler.history.RolloutRow;
import dev.driftless.reconciler.testing.TestCompose;
import dev.driftless.reconciler.testing.TestEngine;
import dev.driftless.reconciler.testing.TestDaemon;
import dev.driftless.reconciler.testing.TestRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The daemon as a user runs it: Micronaut up, following a real git repo by polling, deploying to
 * the real engine, recording rollouts in the H2 store, serving /health and /metrics.
 */
class DaemonIT {

    @TempDir
    Path temp;

    private DockerEngine engine;
    private DockerClient docker;
    private TestRepo repo;
    private TestDaemon daemon;
    private String app;

    @BeforeEach
    void start() {
        engine = TestEngine.connect();
        docker = engine.client();
        app = TestEngine.uniqueApp("daemon");
        repo = TestRepo.init(temp.resolve("repo"));
        repo.write(app + "/compose.yaml", compose("first")).commit("First");
        daemon = TestDaemon.start(repo.directory(), temp.resolve("data"), Map.of("driftless.poll-interval", "1s"));
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        repo.close();
        TestEngine.removeTestObjects(docker);
        engine.close();
    }

    @Test
    void deploysOnStartPicksUpACommitWithinAPollAndRecordsEachRollout() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(greeting()).isEqualTo("GREETING=first"));

        String second = repo.write(app + "/compose.yaml", compose("second")).commit("Second");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(greeting()).isEqualTo("GREETING=second"));
        RolloutRepository rollouts = daemon.context().getBean(RolloutRepository.class);
        // The new container runs while it proves healthy, a moment before its rollout is recorded.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(rollouts.findTop50ByAppOrderByIdDesc(app).get(0).revision()).isEqualTo(second));
        List<RolloutRow> rows = rollouts.findTop50ByAppOrderByIdDesc(app);
        assertThat(rows).extracting(RolloutRow::result).contains("applied");
        // The poll, or a drift check that the engine's events of the first deploy set off and that
        // read the new commit first: either way a reconcile the daemon started by itself.
        assertThat(rows.get(0).trigger()).isIn("poll", "drift");
    }

    @Test
    void servesHealthAndPrometheusMetricsWithTheReconcileSeries() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(greeting()).isEqualTo("GREETING=first"));

        // The container runs a moment before the reconcile that made it has been counted.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get("/metrics").body())
                .contains("driftless_reconcile_total{app=\"" + app + "\",result=\"applied\"}"));
        HttpResponse<String> health = get("/health");
        HttpResponse<String> readiness = get("/health/readiness");
        HttpResponse<String> metrics = get("/metrics");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("driftless_reconcile_total{app=\"" + app + "\",result=\"applied\"}")
                .contains("driftless_reconcile_duration_seconds_bucket{app=\"" + app + "\"")
                .contains("driftless_managed_containers{app=\"" + app + "\",state=\"running\",target=")
                .contains("driftless_rollout_total{app=\"" + app + "\",result=\"succeeded\"} 1.0")
                .contains("driftless_leader{instance=")
                .contains("driftless_target_up{target=")
                .contains("driftless_app_synced{app=\"" + app + "\"} 1.0")
                .contains("driftless_app_info{app=\"" + app + "\",health=\"Healthy\"")
                .contains("driftless_last_successful_reconcile_timestamp_seconds{app=\"" + app + "\"}")
                .contains("driftless_source_last_fetch_success_timestamp_seconds{source=\"repo\"}")
                .contains("driftless_source_consecutive_fetch_failures{source=\"repo\"} 0.0")
                .contains("driftless_source_poll_overdue_seconds{source=\"repo\"}");
    }

    @Test
    void aGitServerThatGoesAwayLeavesTheAppRunningAndShowsInTheSourcesMetrics() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(greeting()).isEqualTo("GREETING=first"));
        String running = docker.inspectContainerCmd(app + "-web-1").exec().getId();

        Path moved = temp.resolve("repo-gone");
        java.nio.file.Files.move(repo.directory(), moved);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/metrics").body())
                .containsPattern("driftless_source_consecutive_fetch_failures\\{source=\"repo\"\\} [1-9]")
                .containsPattern("driftless_git_fetch_errors_total\\{source=\"repo\"\\} [1-9]"));
        assertThat(docker.inspectContainerCmd(app + "-web-1").exec().getId()).isEqualTo(running);
        assertThat(docker.inspectContainerCmd(running).exec().getState().getRunning()).isTrue();
        java.nio.file.Files.move(moved, repo.directory());
    }

    @Test
    void theMetricsPassPromtoolsLint() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(greeting()).isEqualTo("GREETING=first"));
        String metrics = get("/metrics").body();
        java.util.Optional<java.nio.file.Path> promtool = java.util.stream.Stream.of("/usr/bin/promtool", "/usr/local/bin/promtool")
                .map(Path::of).filter(java.nio.file.Files::isExecutable).findFirst();
        if (promtool.isEmpty()) {
            assertThat(System.getenv("CI")).as("promtool (Debian package prometheus) must be installed under CI")
                    .isNotEqualToIgnoringCase("true");
            org.junit.jupiter.api.Assumptions.abort("promtool is not installed; scripts/host-setup.sh installs it");
        }

        Process check = new ProcessBuilder(promtool.get().toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var stdin = check.getOutputStream()) {
            stdin.write(metrics.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String verdict = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(check.waitFor()).as(verdict).isZero();
        assertThat(verdict).as("promtool's complaints").isBlank();
    }

    private String greeting() {
        return TestDaemon.environmentOf(docker, app + "-web-1", "GREETING");
    }

    private HttpResponse<String> get(String path) {
        return daemon.get(path);
    }

    private static String compose(String greeting) {
        return TestCompose.app(TestCompose.service("web", "daemon-it", Map.of("GREETING", greeting)));
    }
}
