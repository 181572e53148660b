package dev.driftless.reconciler.daemon;

import com.github.dockerjava.api.DockerClient;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.history.RolloutRepository;
import dev.driftless.reconciler.testing.TestCompose;
import dev.driftless.reconciler.testing.TestDaemon;
import dev.driftless.reconciler.testing.TestEngine;
import dev.driftless.reconciler.testing.TestRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The daemon follows the engine's events: a container killed by hand is healed within seconds,
 * long before the next poll (an hour away here), and the history says drift triggered it.
 */
class DriftEventsIT {

    private static DockerEngine engine;
    private static DockerClient docker;
    private final String app = TestEngine.uniqueApp("events");

    @BeforeAll
    static void connect() {
        engine = TestEngine.connect();
        docker = engine.client();
    }

    @AfterEach
    void removeTheApp() {
        TestEngine.removeApp(docker, app);
    }

    @AfterAll
    static void disconnect() {
        engine.close();
    }

    @Test
    void aContainerKilledByHandIsHealedOnTheEngineEventNotAtTheNextPoll(@TempDir Path temp) {
        // Named after the app: the source label it gives the containers is then this test's alone, so
        // no other test's daemon on the shared engine takes them for its own, nor this one theirs.
        try (TestRepo repo = TestRepo.init(temp.resolve(app))) {
            repo.write(app + "/compose.yaml", TestCompose.app(TestCompose.service("web", "events-it", Map.of())))
                    .commit("Web");
            try (TestDaemon daemon = TestDaemon.start(repo.directory(), temp.resolve("data"),
                    Map.of("driftless.poll-interval", "1h"))) {
                healsTheKilledContainer(daemon);
            }
        }
    }

    private void healsTheKilledContainer(TestDaemon daemon) {
        String web = app + "-web-1";
        await().atMost(Duration.ofSeconds(60)).until(() -> running(web));
        RolloutRepository rollouts = daemon.context().getBean(RolloutRepository.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> !rollouts.findTop50ByAppOrderByIdDesc(app).isEmpty());

        docker.killContainerCmd(web).exec();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rollouts.findTop50ByAppOrderByIdDesc(app)
                .get(0)).satisfies(row -> {
                    assertThat(row.trigger()).isEqualTo("drift");
                    assertThat(row.summary()).contains("container was stopped by hand (exit code 137)");
                }));
        assertThat(running(web)).isTrue();
        assertThat(daemon.get("/metrics").body())
                .contains("driftless_drift_detected_total{app=\"" + app + "\",kind=\"stopped\"} 1.0");
    }

    private boolean running(String name) {
        try {
            return Boolean.TRUE.equals(docker.inspectContainerCmd(name).exec().getState().getRunning());
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return false;
        }
    }
}
