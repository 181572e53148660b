package dev.driftless.reconciler.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.driftless.providers.source.SourceSpec;
import dev.driftless.reconciler.docker.DockerApplier;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.docker.HealthGate;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.source.GitDesiredStateSource;
import dev.driftless.reconciler.state.OwnershipLabels;
import dev.driftless.reconciler.testing.EngineEvents;
import dev.driftless.reconciler.testing.RecordingHistory;
import dev.driftless.reconciler.testing.TestCompose;
import dev.driftless.reconciler.testing.TestEngine;
import dev.driftless.reconciler.testing.TestRepo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each kind of drift made by hand on the real engine (a container stopped, removed, renamed,
 * reconfigured), healed on the next reconcile when the app's {@code selfHeal} is on, and only
 * reported, with nothing changed, when it is off.
 */
class DriftIT {

    private static DockerEngine engine;
    private static DockerClient docker;

    @TempDir
    Path temp;

    private String app;
    private String web;
    private TestRepo repo;
    private GitDesiredStateSource source;
    private final RecordingHistory history = new RecordingHistory();
    private final List<String> drift = new CopyOnWriteArrayList<>();
    private Reconciler reconciler;

    @BeforeAll
    static void connect() {
        engine = TestEngine.connect();
        docker = engine.client();
    }

    @AfterAll
    static void disconnect() {
        if (engine != null) {
            engine.close();
        }
    }

    @AfterEach
    void cleanUp() {
        if (source != null) {
            source.close();
            repo.close();
            TestEngine.removeApp(docker, app);
        }
    }

    private void deploy(boolean selfHeal, String serviceExtra) {
        app = TestEngine.uniqueApp("drift");
        web = app + "-web-1";
        // Named after the app, so no other test's daemon on the shared engine takes its containers for its own.
        repo = TestRepo.init(temp.resolve(app));
        if (!selfHeal) {
            repo.write("driftless.yaml", "apps:\n  " + app + ":\n    selfHeal: false\n");
        }
        repo.write(app + "/compose.yaml", TestCompose.app(TestCompose.service("web", "drift-it",
                Map.of("GREETING", "hello")) + serviceExtra)).commit("Web");
        source = new GitDesiredStateSource(new SourceSpec(repo.directory().toString(), "main"), temp.resolve("cache"));
        Clock clock = Clock.systemUTC();
        reconciler = new Reconciler(source, TestEngine.observeOnly(engine, app),
                new DockerApplier(engine, clock, new HealthGate(Duration.ofSeconds(30), Duration.ofMillis(500),
                        Duration.ofMillis(100))),
                history, new ReconcileMetrics() {
                    @Override
                    public void driftDetected(String drifted, String kind) {
                        drift.add(kind);
                    }
                }, PlanPolicy.defaults(), clock);
        ReconcileReport first = reconciler.reconcile(Trigger.POLL);
        assertThat(first.failed()).as(first.toString()).isFalse();
        assertThat(running(web)).isTrue();
    }

    @ParameterizedTest(name = "selfHeal {0}")
    @ValueSource(booleans = {true, false})
    void aContainerStoppedByHand(boolean selfHeal) {
        deploy(selfHeal, "    restart: unless-stopped\n");
        String id = id(web);
        docker.stopContainerCmd(id).withTimeout(1).exec();

        ReconcileReport report = reconcileTwice();

        assertThat(drift).containsExactly("stopped");
        assertThat(id(web)).isEqualTo(id);
        assertThat(running(web)).isEqualTo(selfHeal);
        assertReported(report, selfHeal, "container was stopped by hand");
    }

    @ParameterizedTest(name = "selfHeal {0}")
    @ValueSource(booleans = {true, false})
    void aContainerRemovedByHand(boolean selfHeal) {
        deploy(selfHeal, "");
        docker.removeContainerCmd(id(web)).withForce(true).exec();

        ReconcileReport report = reconcileTwice();

        assertThat(drift).containsExactly("removed");
        if (selfHeal) {
            assertThat(running(web)).isTrue();
        } else {
            assertThatThrownBy(() -> docker.inspectContainerCmd(web).exec()).isInstanceOf(NotFoundException.class);
        }
        assertReported(report, selfHeal, "container was removed by hand");
    }

    @ParameterizedTest(name = "selfHeal {0}")
    @ValueSource(booleans = {true, false})
    void aContainerRenamedByHand(boolean selfHeal) {
        deploy(selfHeal, "");
        String id = id(web);
        docker.renameContainerCmd(id).withName(app + "-renamed").exec();

        ReconcileReport report = reconcileTwice();

        assertThat(drift).containsExactly("renamed");
        assertThat(docker.inspectContainerCmd(id).exec().getName()).as("the same container, its name put back or not")
                .isEqualTo("/" + (selfHeal ? web : app + "-renamed"));
        assertThat(running(id)).isTrue();
        assertReported(report, selfHeal, "container was renamed by hand to " + app + "-renamed");
    }

    @ParameterizedTest(name = "selfHeal {0}")
    @ValueSource(booleans = {true, false})
    void aContainerReconfiguredByHand(boolean selfHeal) {
        deploy(selfHeal, "");
        InspectContainerResponse deployed = docker.inspectContainerCmd(web).exec();
        docker.removeContainerCmd(deployed.getId()).withForce(true).exec();
        // Made again by hand with another value, its labels copied but for the spec hash.
        Map<String, String> labels = new HashMap<>(deployed.getConfig().getLabels());
        labels.put(OwnershipLabels.SPEC_HASH, "edited-by-hand");
        String edited = docker.createContainerCmd("busybox:1.36").withName(web).withLabels(labels)
                .withEnv("GREETING=edited").withCmd(deployed.getConfig().getCmd()).exec().getId();
        docker.startContainerCmd(edited).exec();

        ReconcileReport report = reconcileTwice();

        assertThat(drift).containsExactly("reconfigured");
        InspectContainerResponse now = docker.inspectContainerCmd(web).exec();
        assertThat(now.getId().equals(edited)).isNotEqualTo(selfHeal);
        assertThat(now.getConfig().getEnv()).contains(selfHeal ? "GREETING=hello" : "GREETING=edited");
        assertReported(report, selfHeal, "container was reconfigured by hand");
    }

    @Test
    void anExplicitSyncHealsDriftEvenWithSelfHealOff() {
        deploy(false, "");
        docker.removeContainerCmd(id(web)).withForce(true).exec();
        reconciler.reconcile(Trigger.POLL);

        ReconcileReport synced = reconciler.reconcile(Trigger.API);

        assertThat(synced.outcomes()).singleElement().isInstanceOfSatisfying(AppOutcome.Applied.class,
                applied -> assertThat(applied.succeeded()).isTrue());
        assertThat(running(web)).isTrue();
    }

    @Test
    void aOneShotServiceThatCompletedIsNotDriftAndIsNotRunAgain() {
        deploy(true, "");
        repo.write(app + "/compose.yaml", TestCompose.app(TestCompose.service("web", "drift-it",
                Map.of("GREETING", "hello")), "  migrate:\n    image: busybox:1.36\n    command: [\"true\"]\n"))
                .commit("A one-shot migration");
        ReconcileReport first = reconciler.reconcile(Trigger.POLL);
        assertThat(first.failed()).as(first.toString()).isFalse();

        Instant since = Instant.now();
        ReconcileReport again = reconciler.reconcile(Trigger.POLL);
        Instant until = Instant.now();

        assertThat(again.outcomes()).singleElement().isInstanceOf(AppOutcome.InSync.class);
        assertThat(drift).isEmpty();
        assertThat(EngineEvents.between(docker, app, since, until)).isEmpty();
    }

    @Test
    void aContainerOptedOutByItsLabelIsNeverTouched() {
        // Added to the service's labels: a person opted this container out in the Compose file.
        deploy(true, "      " + OwnershipLabels.IGNORE + ": \"true\"\n");
        String id = id(web);
        docker.stopContainerCmd(id).withTimeout(1).exec();

        Instant since = Instant.now();
        ReconcileReport report = reconciler.reconcile(Trigger.POLL);
        Instant until = Instant.now();

        assertThat(report.failed()).as(report.toString()).isFalse();
        assertThat(running(id)).isFalse();
        assertThat(EngineEvents.between(docker, app, since, until)).isEmpty();
    }

    /** The drift reconciled twice: counted once however many polls see it. */
    private ReconcileReport reconcileTwice() {
        ReconcileReport report = reconciler.reconcile(Trigger.POLL);
        reconciler.reconcile(Trigger.POLL);
        return report;
    }

    private void assertReported(ReconcileReport report, boolean selfHeal, String words) {
        assertThat(report.failed()).as(report.toString()).isFalse();
        if (selfHeal) {
            assertThat(report.outcomes()).singleElement().isInstanceOf(AppOutcome.Applied.class);
            assertThat(history.entries()).filteredOn(entry -> entry.result().equals("applied")).last()
                    .satisfies(entry -> assertThat(entry.summary()).contains(words));
        } else {
            assertThat(report.outcomes()).singleElement().isInstanceOf(AppOutcome.Drifted.class);
            assertThat(history.last(app).orElseThrow().result()).isEqualTo("drifted");
            assertThat(history.last(app).orElseThrow().error()).contains(words);
        }
    }

    private String id(String name) {
        return docker.inspectContainerCmd(name).exec().getId();
    }

    private boolean running(String nameOrId) {
        return Boolean.TRUE.equals(docker.inspectContainerCmd(nameOrId).exec().getState().getRunning());
    }
}
