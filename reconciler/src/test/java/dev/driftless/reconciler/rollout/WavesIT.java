package dev.driftless.reconciler.rollout;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dev.driftless.reconciler.docker.DockerApplier;
import dev.driftless.reconciler.docker.HealthGate;
import dev.driftless.reconciler.engine.AppOutcome;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.engine.ReconcileReport;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.engine.RolloutHistory;
import dev.driftless.reconciler.engine.Trigger;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.source.DirectorySource;
import dev.driftless.reconciler.state.OwnershipLabels;
import dev.driftless.reconciler.testing.SharedEngine;
import dev.driftless.reconciler.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replicas, {@code depends_on} waves and {@code update_config} on the real engine: scaling by
 * container number, creation ordered by a dependency's health or completion, a failing dependency
 * failing the rollout with the old containers serving, a service of several replicas rolled
 * back (or paused) when one replica fails, and {@code update_config.monitor} watching a new container
 * longer than the daemon's minimum uptime.
 */
class WavesIT {

    @RegisterExtension
    static final SharedEngine ENGINE = new SharedEngine();

    /** A busybox service that stops at once on TERM, labelled as test-made. */
    private static final String LOOP = "    image: busybox:1.36\n"
            + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n"
            + "    labels:\n      " + TestEngine.TEST_LABEL + ": waves\n";

    @TempDir
    Path temp;

    private String app;
    private Path file;
    private Reconciler reconciler;

    @BeforeEach
    void newApp() throws IOException {
        app = TestEngine.uniqueApp("waves");
        file = temp.resolve(app).resolve("compose.yaml");
        Files.createDirectories(file.getParent());
        Clock clock = Clock.systemUTC();
        HealthGate gate = new HealthGate(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMillis(100));
        reconciler = new Reconciler(new DirectorySource(temp), TestEngine.observeOnly(ENGINE.engine(), app),
                (plan, log) -> new DockerApplier(ENGINE.engine(), clock, gate).execute(plan, log),
                RolloutHistory.NONE, ReconcileMetrics.NONE, PlanPolicy.defaults(), clock);
    }

    @AfterEach
    void removeApp() {
        TestEngine.removeApp(docker(), app);
        TestEngine.removeVolumes(docker(), OwnershipLabels.APP, app);
    }

    @Test
    void scalesUpAndDownByContainerNumberKeepingTheFirstReplica() throws IOException {
        deploy("services:\n  web:\n" + LOOP + "    scale: 1\n");
        String first = id("web-1");

        deploy("services:\n  web:\n" + LOOP + "    deploy:\n      replicas: 3\n");
        assertThat(names()).containsOnly(app + "-web-1", app + "-web-2", app + "-web-3");
        assertThat(id("web-1")).as("the first replica is untouched").isEqualTo(first);
        assertThat(inspect("web-3").getConfig().getLabels())
                .containsEntry("com.docker.compose.container-number", "3");
        String second = id("web-2");

        deploy("services:\n  web:\n" + LOOP + "    scale: 2\n");
        assertThat(names()).as("the highest number goes first").containsOnly(app + "-web-1", app + "-web-2");
        assertThat(id("web-2")).isEqualTo(second);

        deploy("services:\n  web:\n" + LOOP + "    scale: 1\n");
        assertThat(names()).containsOnly(app + "-web-1");
        assertThat(id("web-1")).isEqualTo(first);
    }

    @Test
    void aServiceDependingOnAHealthyOneStartsOnlyOnceItsHealthCheckPasses() throws IOException {
        deploy("services:\n"
                + "  db:\n" + readyAfterTwoSeconds(READY)
                + "  web:\n" + LOOP
                + "    depends_on:\n      db:\n        condition: service_healthy\n");

        InspectContainerResponse db = inspect("db-1");
        Instant healthy = db.getState().getHealth().getLog().stream()
                .filter(probe -> probe.getExitCodeLong() == 0).map(probe -> Instant.parse(probe.getEnd()))
                .min(Instant::compareTo).orElseThrow();
        Instant webStarted = Instant.parse(inspect("web-1").getState().getStartedAt());
        assertThat(webStarted).as("web started after db's first passing probe at " + healthy).isAfter(healthy);
        assertThat(Instant.parse(db.getState().getStartedAt()).plusSeconds(2)).isBefore(webStarted);
    }

    @Test
    void aServiceDependingOnAOneShotStartsOnlyOnceItExitedWithZero() throws IOException {
        deploy("services:\n"
                + "  migrate:\n    image: busybox:1.36\n    command: [\"sh\", \"-c\", \"sleep 3; exit 0\"]\n"
                + "    labels:\n      " + TestEngine.TEST_LABEL + ": waves\n"
                + "  web:\n" + LOOP
                + "    depends_on:\n      migrate:\n        condition: service_completed_successfully\n");

        InspectContainerResponse migrate = inspect("migrate-1");
        assertThat(migrate.getState().getExitCodeLong()).isZero();
        Instant finished = Instant.parse(migrate.getState().getFinishedAt());
        assertThat(Instant.parse(inspect("web-1").getState().getStartedAt())).as("web started after the migration")
                .isAfter(finished);
    }

    @Test
    void aDependencyThatFailsItsConditionFailsTheRolloutAndTheOldContainersKeepServing() throws IOException {
        String v1 = webNeedingAHealthyDb();
        deploy(v1);
        String db = id("db-1");
        String web = id("web-1");

        Files.writeString(file, v1.replace(READY, "\"false\"").replace("V: \"1\"", "V: \"2\""));
        ReconcileReport report = reconciler.reconcile(Trigger.CLI);

        AppOutcome.Applied applied = (AppOutcome.Applied) report.outcomes().get(0);
        assertThat(applied.succeeded()).isFalse();
        assertThat(applied.steps()).filteredOn(step -> step.action().subject().equals(app + "-web-1"))
                .singleElement().satisfies(step -> assertThat(step.error().orElseThrow())
                        .contains("depends on 'db' (service_healthy), which failed")
                        .contains("did not prove healthy"));
        assertThat(id("db-1")).as("the old db is back").isEqualTo(db);
        assertThat(id("web-1")).as("web was not touched").isEqualTo(web);
        assertThat(inspect("db-1").getState().getRunning()).isTrue();
        assertThat(inspect("web-1").getState().getRunning()).isTrue();
        assertThat(names()).containsOnly(app + "-db-1", app + "-web-1");
    }

    @Test
    void aDependencyThePlanDoesNotTouchIsCheckedAndAnUnhealthyOneHoldsTheDependentBack() throws Exception {
        String v1 = webNeedingAHealthyDb();
        deploy(v1);
        String web = id("web-1");
        // db turns unhealthy while nothing about it changes in the repo.
        removeDbReadyFile();
        await().atMost(Duration.ofSeconds(20)).until(() -> "unhealthy".equals(inspect("db-1").getState().getHealth()
                .getStatus()));

        ReconcileReport report = deployExpectingFailure(v1.replace("V: \"1\"", "V: \"2\""));

        assertThat(((AppOutcome.Applied) report.outcomes().get(0)).steps()).singleElement().satisfies(step -> {
            assertThat(step.action().subject()).isEqualTo(app + "-web-1");
            assertThat(step.error().orElseThrow()).contains("depends on 'db' (service_healthy), which this rollout "
                    + "does not change and which is not healthy: " + app + "-db-1 is running, its health check "
                    + "reports unhealthy");
        });
        assertThat(id("web-1")).as("web was not touched").isEqualTo(web);
        assertThat(inspect("web-1").getConfig().getEnv()).contains("V=1");
    }

    @Test
    void aDependencyThePlanDoesNotTouchWhoseHealthIsStillStartingIsWaitedFor() throws Exception {
        String v1 = webNeedingAHealthyDb();
        deploy(v1);
        String db = id("db-1");
        // db is restarted by hand (a host reboot, an operator): its health check says starting
        // again until its ready file is back, two seconds later.
        removeDbReadyFile();
        docker().restartContainerCmd(app + "-db-1").withTimeout(5).exec();
        assertThat(inspect("db-1").getState().getHealth().getStatus()).isEqualTo("starting");

        deploy(v1.replace("V: \"1\"", "V: \"2\""));

        assertThat(inspect("web-1").getConfig().getEnv()).contains("V=2");
        assertThat(inspect("db-1").getState().getHealth().getStatus()).isEqualTo("healthy");
        assertThat(id("db-1")).as("db was waited for, not touched").isEqualTo(db);
    }

    @Test
    void aReplicaThatFailsPutsBackTheOldContainersOfItsWholeServiceByDefault() throws IOException {
        deploy(onlyFirstSucceeds("1", ""));
        Map<String, String> before = ids();

        ReconcileReport report = deployExpectingFailure(onlyFirstSucceeds("2", ""));

        assertThat(ids()).as("every replica runs its old container again").isEqualTo(before);
        assertThat(docker().listContainersCmd().withLabelFilter(Map.of(OwnershipLabels.APP, app)).exec())
                .hasSize(3);
        assertThat(((AppOutcome.Applied) report.outcomes().get(0)).steps()).extracting(step -> step.status().name())
                .containsExactly("FAILED", "FAILED", "SKIPPED");
    }

    @Test
    void underPauseTheReplicasAlreadyReplacedStayAndTheRestAreLeftAsTheyWere() throws IOException {
        deploy(onlyFirstSucceeds("1", "pause"));
        Map<String, String> before = ids();

        deployExpectingFailure(onlyFirstSucceeds("2", "pause"));

        Map<String, String> after = ids();
        assertThat(after.get("web-1")).as("the first replica was replaced").isNotEqualTo(before.get("web-1"));
        assertThat(after.get("web-2")).as("the failing one was put back").isEqualTo(before.get("web-2"));
        assertThat(after.get("web-3")).as("the third was not reached").isEqualTo(before.get("web-3"));
        assertThat(inspect("web-1").getConfig().getEnv()).contains("V=2");
    }

    @Test
    void replacingADependencyRestartsTheServiceThatDependsOnItWithRestartTrueAfterIt() throws IOException {
        String v1 = "services:\n"
                + "  db:\n" + LOOP + "    environment:\n      V: \"1\"\n"
                + "  web:\n" + LOOP
                + "    depends_on:\n      db:\n        condition: service_started\n        restart: true\n";
        deploy(v1);
        String web = id("web-1");
        Instant webStarted = Instant.parse(inspect("web-1").getState().getStartedAt());

        Files.writeString(file, v1.replace("V: \"1\"", "V: \"2\""));
        ReconcileReport report = reconciler.reconcile(Trigger.CLI);

        assertThat(report.failed()).as(report.toString()).isFalse();
        assertThat(((AppOutcome.Applied) report.outcomes().get(0)).steps())
                .extracting(step -> step.action().verb() + " " + step.action().subject(), step -> step.status().name())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("replace " + app + "-db-1", "DONE"),
                        org.assertj.core.groups.Tuple.tuple("restart " + app + "-web-1", "DONE"));
        InspectContainerResponse restarted = inspect("web-1");
        assertThat(restarted.getId()).as("the same web container, restarted, not replaced").isEqualTo(web);
        assertThat(restarted.getState().getRunning()).isTrue();
        Instant dbStarted = Instant.parse(inspect("db-1").getState().getStartedAt());
        assertThat(Instant.parse(restarted.getState().getStartedAt())).as("web started again after the new db")
                .isAfter(webStarted).isAfter(dbStarted);
    }

    @Test
    void aContainerThatCrashesWithinUpdateConfigMonitorIsCaughtAndTheOldOnePutBack() throws IOException {
        deploy("services:\n  web:\n" + LOOP + "    environment:\n      V: \"1\"\n");
        String before = id("web-1");

        // Up for 2 s, longer than this test's 1 s minimum uptime: only the 4 s monitor catches it.
        ReconcileReport report = deployExpectingFailure("services:\n  web:\n    image: busybox:1.36\n"
                + "    command: [\"sh\", \"-c\", \"sleep 2; echo lost the database >&2; exit 1\"]\n"
                + "    environment:\n      V: \"2\"\n"
                + "    labels:\n      " + TestEngine.TEST_LABEL + ": waves\n"
                + "    deploy:\n      update_config:\n        monitor: 4s\n");

        AppOutcome.Applied applied = (AppOutcome.Applied) report.outcomes().get(0);
        assertThat(applied.steps()).singleElement().satisfies(step -> assertThat(step.error().orElseThrow())
                .contains("exit code 1 instead of staying up for update_config.monitor (4 s)")
                .contains("lost the database"));
        assertThat(id("web-1")).as("the old container is back").isEqualTo(before);
        assertThat(inspect("web-1").getState().getRunning()).isTrue();
        assertThat(inspect("web-1").getConfig().getEnv()).contains("V=1");
        assertThat(names()).containsOnly(app + "-web-1");
    }

    /**
     * Three replicas, one at a time; in version 2 only the first new container to start stays up (it
     * claims a marker in a shared volume), the others exit at once, so the second replica fails.
     */
    private static String onlyFirstSucceeds(String version, String failureAction) {
        String run = version.equals("1") ? "true" : "mkdir /shared/claimed";
        return "services:\n  web:\n    image: busybox:1.36\n"
                + "    command: [\"sh\", \"-c\", \"" + run + " || exit 3; trap 'exit 0' TERM; sleep 3600 & wait\"]\n"
                + "    environment:\n      V: \"" + version + "\"\n"
                + "    volumes: [\"shared:/shared\"]\n"
                + "    labels:\n      " + TestEngine.TEST_LABEL + ": waves\n"
                + "    deploy:\n      replicas: 3\n      update_config:\n        parallelism: 1\n"
                + (failureAction.isEmpty() ? "" : "        failure_action: " + failureAction + "\n")
                + "volumes:\n  shared: {}\n";
    }

    /** A health check that passes once the service has written its ready file. */
    private static final String READY = "\"test\", \"-f\", \"/tmp/ready\"";

    /** db, healthy two seconds after it starts, and web, which depends on it with service_healthy (V: "1"). */
    private static String webNeedingAHealthyDb() {
        return "services:\n"
                + "  db:\n" + readyAfterTwoSeconds(READY)
                + "  web:\n" + LOOP + "    environment:\n      V: \"1\"\n"
                + "    depends_on:\n      db:\n        condition: service_healthy\n";
    }

    /** A service that writes its ready file two seconds after it starts, checked by {@code probe}. */
    private static String readyAfterTwoSeconds(String probe) {
        return "    image: busybox:1.36\n"
                + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; (sleep 2; touch /tmp/ready) & sleep 3600 & wait\"]\n"
                + "    healthcheck:\n      test: [\"CMD\", " + probe + "]\n"
                + "      interval: 500ms\n      retries: 2\n      start_period: 2s\n"
                + "    labels:\n      " + TestEngine.TEST_LABEL + ": waves\n";
    }

    /** Takes away db's ready file, which its health check tests for. */
    private void removeDbReadyFile() throws InterruptedException {
        String exec = docker().execCreateCmd(app + "-db-1").withCmd("rm", "/tmp/ready").exec().getId();
        docker().execStartCmd(exec).start().awaitCompletion();
    }

    private void deploy(String compose) throws IOException {
        Files.writeString(file, compose);
        ReconcileReport report = reconciler.reconcile(Trigger.CLI);
        assertThat(report.failed()).as(report.toString()).isFalse();
    }

    private ReconcileReport deployExpectingFailure(String compose) throws IOException {
        Files.writeString(file, compose);
        ReconcileReport report = reconciler.reconcile(Trigger.CLI);
        assertThat(report.failed()).as(report.toString()).isTrue();
        return report;
    }

    private List<String> names() {
        return docker().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(OwnershipLabels.APP, app)).exec()
                .stream().map(container -> container.getNames()[0].substring(1)).toList();
    }

    private Map<String, String> ids() {
        return docker().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(OwnershipLabels.APP, app)).exec()
                .stream().collect(Collectors.toMap(container -> container.getNames()[0].substring(app.length() + 2),
                        Container::getId, (a, b) -> a, TreeMap::new));
    }

    private String id(String suffix) {
        return inspect(suffix).getId();
    }

    private InspectContainerResponse inspect(String suffix) {
        return docker().inspectContainerCmd(app + "-" + suffix).exec();
    }

    private static DockerClient docker() {
        return ENGINE.docker();
    }
}
