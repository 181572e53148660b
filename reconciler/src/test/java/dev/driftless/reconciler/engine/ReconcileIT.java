package dev.driftless.reconciler.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.driftless.providers.source.SourceSpec;
import dev.driftless.reconciler.docker.DockerApplier;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.docker.DockerObserver;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.source.GitDesiredStateSource;
import dev.driftless.reconciler.testing.EngineEvents;
import dev.driftless.reconciler.testing.RecordingHistory;
import dev.driftless.reconciler.testing.TestCompose;
import dev.driftless.reconciler.testing.TestEngine;
import dev.driftless.reconciler.testing.TestRepo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The walking skeleton end to end: commits in a real git repo, containers on the real engine. */
class ReconcileIT {

    private static DockerEngine engine;
    private static DockerClient docker;

    @TempDir
    Path temp;

    private String app;
    private TestRepo repo;
    private GitDesiredStateSource source;
    private RecordingHistory history;
    private Reconciler reconciler;

    @BeforeAll
    static void connect() {
        engine = TestEngine.connect();
        docker = engine.client();
        TestEngine.removeTestObjects(docker);
    }

    @AfterAll
    static void disconnect() {
        if (engine != null) {
            TestEngine.removeTestObjects(docker);
            engine.close();
        }
    }

    @BeforeEach
    void newRepo() {
        app = TestEngine.uniqueApp("skeleton");
        // Named after the app: this reconciler sees the whole shared engine and prunes what its
        // repository deployed, so a name another test's repository has would prune that test's apps.
        repo = TestRepo.init(temp.resolve("repo-" + app));
        source = new GitDesiredStateSource(new SourceSpec(repo.directory().toString(), "main"), temp.resolve("cache"));
        history = new RecordingHistory();
        Clock clock = Clock.systemUTC();
        reconciler = new Reconciler(source, TestEngine.observeRun(engine),
                new DockerApplier(engine, clock), history, ReconcileMetrics.NONE, PlanPolicy.defaults(), clock);
    }

    @AfterEach
    void closeRepo() {
        source.close();
        repo.close();
    }

    @Test
    void aCommitAddingAServiceCreatesItsContainerWithComposeAndDriftlessLabels() {
        String revision = repo.write(app + "/compose.yaml", compose(service("web", "hello"))).commit("Add web");

        ReconcileReport report = reconciler.reconcile(Trigger.POLL);

        assertThat(report.failed()).as(report.toString()).isFalse();
        InspectContainerResponse web = docker.inspectContainerCmd(app + "-web-1").exec();
        Map<String, String> labels = web.getConfig().getLabels();
        assertThat(labels).containsEntry("com.docker.compose.project", app)
                .containsEntry("com.docker.compose.service", "web")
                .containsEntry("com.docker.compose.container-number", "1")
                .containsEntry("com.docker.compose.oneoff", "False")
                .containsEntry("dev.driftless.app", app)
                .containsEntry("dev.driftless.service", "web")
                .containsEntry("dev.driftless.revision", revision)
                .containsKey("dev.driftless.spec-hash")
                .containsEntry(TestEngine.TEST_LABEL, "reconciler-it");
        assertThat(web.getState().getRunning()).isTrue();
        assertThat(web.getConfig().getEnv()).contains("GREETING=hello");
        assertThat(history.last(app)).hasValueSatisfying(entry -> {
            assertThat(entry.result()).isEqualTo("applied");
            assertThat(entry.revision()).isEqualTo(revision);
            assertThat(entry.summary()).contains("+ " + app + "-web-1");
        });
    }

    @Test
    void aCommitChangingAnEnvironmentValueRecreatesOnlyThatServicesContainer() {
        repo.write(app + "/compose.yaml", compose(service("web", "hello"), service("worker", "steady"))).commit("Two services");
        reconciler.reconcile(Trigger.POLL);
        String webBefore = containerId(app + "-web-1");
        String workerBefore = containerId(app + "-worker-1");

        repo.write(app + "/compose.yaml", compose(service("web", "bonjour"), service("worker", "steady"))).commit("Say bonjour");
        Instant since = Instant.now();
        ReconcileReport report = reconciler.reconcile(Trigger.POLL);
        Instant until = Instant.now();

        assertThat(report.failed()).as(report.toString()).isFalse();
        assertThat(containerId(app + "-web-1")).isNotEqualTo(webBefore);
        assertThat(docker.inspectContainerCmd(app + "-web-1").exec().getConfig().getEnv()).contains("GREETING=bonjour");
        assertThat(containerId(app + "-worker-1")).isEqualTo(workerBefore);
        assertThat(EngineEvents.between(docker, app, since, until))
                .as("the engine saw the web container replaced, and nothing of the worker")
                .anyMatch(event -> event.startsWith("container create"))
                .noneMatch(event -> event.contains("-worker-"));
    }

    @Test
    void aCommitRemovingAServiceRemovesItsContainerAndNeverTouchesAHandStartedContainer() {
        String handStarted = docker.createContainerCmd("busybox:1.36").withName(app + "-by-hand")
                .withCmd("sleep", "3600").withLabels(Map.of(TestEngine.TEST_LABEL, "hand-started")).exec().getId();
        docker.startContainerCmd(handStarted).exec();
        repo.write(app + "/compose.yaml", compose(service("web", "hello"), service("worker", "steady"))).commit("Two services");
        reconciler.reconcile(Trigger.POLL);

        repo.write(app + "/compose.yaml", compose(service("web", "hello"))).commit("Drop the worker");
        ReconcileReport report = reconciler.reconcile(Trigger.POLL);

        assertThat(report.failed()).as(report.toString()).isFalse();
        assertThatThrownBy(() -> docker.inspectContainerCmd(app + "-worker-1").exec()).isInstanceOf(NotFoundException.class);
        assertThat(docker.inspectContainerCmd(app + "-web-1").exec().getState().getRunning()).isTrue();
        InspectContainerResponse byHand = docker.inspectContainerCmd(handStarted).exec();
        assertThat(byHand.getState().getRunning()).as("a container without our labels is untouched").isTrue();
        assertThat(byHand.getName()).isEqualTo("/" + app + "-by-hand");
        assertThat(history.last(app).orElseThrow().summary()).contains("service 'worker' was removed from the repo");
    }

    @Test
    void anAppsDriftlessYamlTurnsItsPruningOffAndSetsItsOwnHealthDeadline() {
        repo.write("driftless.yaml", "apps:\n  " + app + ":\n    prune: false\n"
                        + "    rollout: {healthDeadline: 3s, minUptime: 1s}\n")
                .write(app + "/compose.yaml", compose(service("web", "hello"), service("worker", "steady")))
                .commit("Two services, never pruned");
        assertThat(reconciler.reconcile(Trigger.POLL).failed()).isFalse();
        String worker = containerId(app + "-worker-1");

        repo.write(app + "/compose.yaml", compose(service("web", "hello"))).commit("Drop the worker");
        ReconcileReport kept = reconciler.reconcile(Trigger.POLL);

        assertThat(kept.failed()).as(kept.toString()).isFalse();
        assertThat(containerId(app + "-worker-1")).as("prune: false keeps the worker").isEqualTo(worker);
        assertThat(docker.inspectContainerCmd(worker).exec().getState().getRunning()).isTrue();

        // A health check whose first probe is an hour away keeps the container "starting": the
        // app's own 3 s deadline ends the rollout, where the daemon's would wait 120 s.
        repo.write(app + "/compose.yaml", compose(service("web", "hello, slowly")
                + "    healthcheck: {test: [\"CMD\", \"true\"], interval: 1h}\n")).commit("A check that never runs");
        ReconcileReport failed = reconciler.reconcile(Trigger.POLL);

        assertThat(failed.failed()).isTrue();
        assertThat(history.last(app).orElseThrow().error()).contains("not healthy within 3 s");
        assertThat(docker.inspectContainerCmd(app + "-web-1").exec().getConfig().getEnv())
                .as("the previous container is back").contains("GREETING=hello");
    }

    @Test
    void aSecondReconcileWithNothingChangedMakesNoMutatingDockerCall() {
        repo.write(app + "/compose.yaml", compose(service("web", "hello"), service("worker", "steady"))).commit("Two services");
        reconciler.reconcile(Trigger.POLL);

        Instant since = Instant.now();
        ReconcileReport again = reconciler.reconcile(Trigger.POLL);
        Instant until = Instant.now();

        assertThat(again.outcomes()).singleElement().isInstanceOf(AppOutcome.InSync.class);
        assertThat(EngineEvents.between(docker, app, since, until)).isEmpty();
    }

    @Test
    void aBrokenComposeFileLeavesRunningContainersAsTheyWereAndRecordsFileLineAndColumn() {
        repo.write(app + "/compose.yaml", compose(service("web", "hello"))).commit("Web");
        reconciler.reconcile(Trigger.POLL);
        String webBefore = containerId(app + "-web-1");

        repo.write(app + "/compose.yaml", """
                services:
                  web:
                    image: busybox:1.36
                    volumes_from: [other]
                """).commit("An unsupported key");
        ReconcileReport unknownKey = reconciler.reconcile(Trigger.POLL);

        assertThat(unknownKey.outcomes()).singleElement().isInstanceOf(AppOutcome.Failed.class);
        assertThat(history.last(app).orElseThrow().error()).contains(app + "/compose.yaml:4:5").contains("volumes_from");

        repo.write(app + "/compose.yaml", "services:\n  web:\n    image: [busybox\n").commit("Broken YAML");
        ReconcileReport brokenYaml = reconciler.reconcile(Trigger.POLL);

        assertThat(brokenYaml.outcomes()).singleElement().isInstanceOf(AppOutcome.Failed.class);
        assertThat(history.last(app).orElseThrow().error()).containsPattern(app + "/compose\\.yaml:\\d+:\\d+: ");
        assertThat(containerId(app + "-web-1")).as("the running container was not touched").isEqualTo(webBefore);
        assertThat(docker.inspectContainerCmd(webBefore).exec().getState().getRunning()).isTrue();
    }

    @Test
    void aDeniedPrivilegeLeavesTheAppAsItRunsUntilDriftlessYamlAllowsIt() {
        String web = TestCompose.service("web", "reconciler-it", Map.of("GREETING", "hello"));
        repo.write(app + "/compose.yaml", TestCompose.app(web)).commit("Web");
        assertThat(reconciler.reconcile(Trigger.POLL).failed()).isFalse();
        String webBefore = docker.inspectContainerCmd(app + "-web-1").exec().getId();

        String privileged = TestCompose.app(web + "    pid: host\n",
                TestCompose.service("agent", "reconciler-it", Map.of()) + "    volumes: [\"/etc/hostname:/host/hostname:ro\"]\n");
        repo.write(app + "/compose.yaml", privileged).commit("Host PID and a host file");
        ReconcileReport denied = reconciler.reconcile(Trigger.POLL);

        assertThat(denied.outcomes()).singleElement().isInstanceOf(AppOutcome.Failed.class);
        assertThat(history.last(app).orElseThrow().error())
                .contains(app + "/compose.yaml:9:5: services.web.pid: pid: host")
                .contains("'policies: {allowHostPid: true}'")
                .contains(app + "/compose.yaml:15:")
                .contains("binding host path '/etc/hostname' is denied");
        assertThat(docker.inspectContainerCmd(app + "-web-1").exec().getId())
                .as("the running container was not touched").isEqualTo(webBefore);
        assertThatThrownBy(() -> docker.inspectContainerCmd(app + "-agent-1").exec())
                .isInstanceOf(NotFoundException.class);

        repo.write("driftless.yaml", """
                policies:
                  allowHostPid: true
                  allowedBindMounts: [/etc/hostname]
                """).commit("Allow exactly that");
        ReconcileReport allowed = reconciler.reconcile(Trigger.POLL);

        assertThat(allowed.failed()).as(allowed.toString()).isFalse();
        InspectContainerResponse webAfter = docker.inspectContainerCmd(app + "-web-1").exec();
        assertThat(webAfter.getHostConfig().getPidMode()).isEqualTo("host");
        assertThat(docker.inspectContainerCmd(app + "-agent-1").exec().getMounts())
                .anySatisfy(mount -> assertThat(mount.getSource()).isEqualTo("/etc/hostname"));
    }

    @Test
    void valuesAreInterpolatedFromTheAppsDotEnvAndAChangeThereRecreatesTheService() {
        repo.write(app + "/.env", "GREETING=from-dotenv\n")
                .write(app + "/compose.yaml", compose(service("web", "${GREETING}"))).commit("Greeting from .env");
        reconciler.reconcile(Trigger.POLL);
        String before = containerId(app + "-web-1");

        repo.write(app + "/.env", "GREETING=changed-in-dotenv\n").commit("Change only .env");
        ReconcileReport report = reconciler.reconcile(Trigger.POLL);

        assertThat(report.failed()).as(report.toString()).isFalse();
        assertThat(containerId(app + "-web-1")).isNotEqualTo(before);
        assertThat(docker.inspectContainerCmd(app + "-web-1").exec().getConfig().getEnv())
                .contains("GREETING=changed-in-dotenv");
    }

    @Test
    void aContainerStoppedByHandIsStartedAgainOnTheNextReconcile() {
        repo.write(app + "/compose.yaml", compose(service("web", "hello"))).commit("Web");
        reconciler.reconcile(Trigger.POLL);
        String web = containerId(app + "-web-1");

        // Killed: the test service exits 0 on a plain stop, and a container of a service without a
        // restart policy that exited 0 is a finished one-shot job, not drift (see DriftIT).
        docker.killContainerCmd(web).exec();
        ReconcileReport report = reconciler.reconcile(Trigger.POLL);

        assertThat(report.failed()).isFalse();
        assertThat(containerId(app + "-web-1")).isEqualTo(web);
        assertThat(docker.inspectContainerCmd(web).exec().getState().getRunning()).isTrue();
        assertThat(history.last(app).orElseThrow().summary()).contains("stopped by hand");
    }

    @Test
    void anAppDeletedFromTheRepoIsRemovedWithItsNetworkWhileTheOthersStay() {
        String other = app + "-other";
        repo.write(app + "/compose.yaml", compose(service("web", "hello")))
                .write(other + "/compose.yaml", compose(service("web", "other"))).commit("Two apps");
        reconciler.reconcile(Trigger.POLL);

        repo.delete(app + "/compose.yaml").commit("Retire the first app");
        ReconcileReport report = reconciler.reconcile(Trigger.POLL);

        assertThat(report.failed()).as(report.toString()).isFalse();
        assertThat(containersOf(app)).isEmpty();
        assertThat(docker.listNetworksCmd().withNameFilter(app + "_default").exec())
                .noneMatch(network -> network.getName().equals(app + "_default"));
        assertThat(containersOf(other)).hasSize(1);
    }

    @Test
    void aRevisionWithNoComposeFileAtAllPrunesNothing() {
        repo.write(app + "/compose.yaml", compose(service("web", "hello"))).commit("Web");
        reconciler.reconcile(Trigger.POLL);
        String web = containerId(app + "-web-1");

        repo.delete(app + "/compose.yaml").write("README.md", "nothing here").commit("Oops, everything deleted");
        ReconcileReport report = reconciler.reconcile(Trigger.POLL);

        assertThat(report.outcomes()).isEmpty();
        assertThat(containerId(app + "-web-1")).isEqualTo(web);
    }

    @Test
    void anUnreachableEngineFailsTheReconcileWithAClearErrorAndRemovesNothing() {
        repo.write(app + "/compose.yaml", compose(service("web", "hello"))).commit("Web");
        reconciler.reconcile(Trigger.POLL);
        Reconciler blind = new Reconciler(source,
                () -> DockerObserver.observe(DockerEngine.connect(java.net.URI.create("unix://" + temp.resolve("no.sock")))),
                new DockerApplier(engine, Clock.systemUTC()), history, ReconcileMetrics.NONE, PlanPolicy.defaults(),
                Clock.systemUTC());

        ReconcileReport report = blind.reconcile(Trigger.POLL);

        assertThat(report.outcomes()).singleElement().isInstanceOfSatisfying(AppOutcome.Failed.class,
                failed -> assertThat(failed.error()).contains("cannot observe the target").contains("no.sock"));
        assertThat(containersOf(app)).hasSize(1);
    }

    private List<Container> containersOf(String name) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("dev.driftless.app", name)).exec();
    }

    private String containerId(String name) {
        return docker.inspectContainerCmd(name).exec().getId();
    }

    private static String compose(String... services) {
        return TestCompose.app(services);
    }

    private static String service(String name, String greeting) {
        return TestCompose.service(name, "reconciler-it", Map.of("GREETING", greeting));
    }
}
