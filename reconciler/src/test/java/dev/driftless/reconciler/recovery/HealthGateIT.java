package dev.driftless.reconciler.recovery;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dev.driftless.reconciler.docker.DockerApplier;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.docker.HealthGate;
import dev.driftless.reconciler.engine.AppOutcome;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.engine.ReconcileReport;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.engine.RetryBackoff;
import dev.driftless.reconciler.engine.RolloutJournal.JournalEntry;
import dev.driftless.reconciler.engine.RolloutJournal.JournalState;
import dev.driftless.reconciler.engine.Trigger;
import dev.driftless.reconciler.journal.JdbcRolloutJournal;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.plan.UpdateOrder;
import dev.driftless.reconciler.source.DirectorySource;
import dev.driftless.reconciler.state.OwnershipLabels;
import dev.driftless.reconciler.testing.RecordingHistory;
import dev.driftless.reconciler.testing.TestCompose;
import dev.driftless.reconciler.testing.SharedEngine;
import dev.driftless.reconciler.testing.TestEngine;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A revision whose new container does not prove healthy: the previous container must be running
 * again under its name, unchanged, and the revision marked failed with the reason and the failing
 * container's last log lines, then held back by the retry backoff.
 */
class HealthGateIT {

    @RegisterExtension
    static final SharedEngine ENGINE = new SharedEngine();

    private DockerEngine engine;
    private DockerClient docker;

    @TempDir
    Path temp;

    private ApplicationContext store;
    private JdbcRolloutJournal journal;
    private String app;

    @BeforeEach
    void openStore() {
        engine = ENGINE.engine();
        docker = ENGINE.docker();
        store = ApplicationContext.run(Map.of("datasources.default.url",
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        journal = store.getBean(JdbcRolloutJournal.class);
        app = TestEngine.uniqueApp("gate");
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @ParameterizedTest
    @EnumSource(UpdateOrder.class)
    void aNewContainerThatExitsIsRolledBackAndTheRevisionMarkedFailed(UpdateOrder order) throws IOException {
        Path folder = temp.resolve("repo");
        Path appFolder = folder.resolve(app);
        Files.createDirectories(appFolder);
        Files.writeString(appFolder.resolve("compose.yaml"),
                TestCompose.app(TestCompose.service("web", "gate", Map.of("V", "1"))));
        Reconciler reconciler = reconciler(folder, order);
        assertThat(reconciler.reconcile(Trigger.CLI).failed()).isFalse();
        String before = docker.inspectContainerCmd(app + "-web-1").exec().getId();

        Files.writeString(appFolder.resolve("compose.yaml"), "services:\n  web:\n    image: busybox:1.36\n"
                + "    command: [\"sh\", \"-c\", \"echo cannot open the database >&2; exit 3\"]\n"
                + "    environment:\n      V: \"2\"\n    labels:\n      " + TestEngine.TEST_LABEL + ": gate\n");
        ReconcileReport report = reconciler.reconcile(Trigger.CLI);

        AppOutcome.Applied applied = (AppOutcome.Applied) report.outcomes().get(0);
        assertThat(applied.succeeded()).isFalse();
        assertThat(applied.error()).contains("did not prove healthy").contains("exit code 3")
                .contains("cannot open the database");
        InspectContainerResponse web = docker.inspectContainerCmd(app + "-web-1").exec();
        assertThat(web.getId()).as("the previous container, put back").isEqualTo(before);
        assertThat(web.getState().getRunning()).isTrue();
        assertThat(web.getConfig().getEnv()).contains("V=1");
        List<Container> all = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(OwnershipLabels.APP, app)).exec();
        assertThat(all).as("nothing aside, nothing half-made").hasSize(1);

        JournalEntry failed = journal.recent(app, 1).get(0);
        assertThat(failed.state()).isEqualTo(JournalState.FAILED);
        assertThat(failed.error()).contains("cannot open the database");
        assertThat(failed.steps()).singleElement()
                .satisfies(step -> assertThat(step.state()).isEqualTo(JournalState.FAILED));

        ReconcileReport held = reconciler.reconcile(Trigger.CLI);
        assertThat(held.outcomes().get(0)).isInstanceOfSatisfying(AppOutcome.Failed.class,
                outcome -> assertThat(outcome.error()).contains("next try at"));
        assertThat(reconciler.lastFailure(app)).hasValueSatisfying(failure -> assertThat(failure.attempts()).isOne());
        assertThat(journal.recent(app, 5)).as("a held-back revision is not rolled out again").hasSize(2);
    }

    @Test
    void aNewerRevisionEndsARolloutWaitingOnItsHealthGateAtASafePoint() throws IOException {
        Path folder = temp.resolve("repo");
        Path appFolder = folder.resolve(app);
        Files.createDirectories(appFolder);
        Files.writeString(appFolder.resolve("compose.yaml"),
                TestCompose.app(TestCompose.service("web", "gate", Map.of("V", "1"))));
        AtomicBoolean pushed = new AtomicBoolean();
        Clock clock = Clock.systemUTC();
        // A minimum uptime far longer than the test waits: only the newer revision can end the gate.
        HealthGate slow = new HealthGate(Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofMillis(100));
        Reconciler reconciler = new Reconciler(new DirectorySource(folder), TestEngine.observeOnly(engine, app),
                (plan, log) -> new DockerApplier(engine, clock, plan.actions().stream()
                        .anyMatch(action -> action instanceof dev.driftless.reconciler.plan.Action.ReplaceContainer)
                                ? slow : HealthGate.DEFAULT).execute(plan, log),
                new RecordingHistory(), ReconcileMetrics.NONE, PlanPolicy.defaults(), clock)
                .withRollouts(journal, RetryBackoff.defaults(), pushed::get);
        assertThat(reconciler.reconcile(Trigger.CLI).failed()).isFalse();
        String before = docker.inspectContainerCmd(app + "-web-1").exec().getId();

        Files.writeString(appFolder.resolve("compose.yaml"),
                TestCompose.app(TestCompose.service("web", "gate", Map.of("V", "2"))));
        Thread push = new Thread(() -> {
            sleep(Duration.ofSeconds(3));
            pushed.set(true);
        });
        push.start();
        Instant started = Instant.now();
        reconciler.reconcile(Trigger.CLI);

        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(40));
        assertThat(journal.recent(app, 1).get(0).state()).isEqualTo(JournalState.SUPERSEDED);
        InspectContainerResponse web = docker.inspectContainerCmd(app + "-web-1").exec();
        assertThat(web.getId()).isEqualTo(before);
        assertThat(web.getState().getRunning()).isTrue();
        assertThat(reconciler.lastFailure(app)).as("a superseded rollout is no failure to back off from").isEmpty();
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(OwnershipLabels.APP, app))
                .exec()).hasSize(1);
    }

    @Test
    void aRolloutPastItsProgressDeadlineIsStoppedAsStuckAndThePreviousContainerPutBack() throws IOException {
        // Named after the app, so no other test's daemon on the shared engine prunes it as its own.
        Path folder = temp.resolve(app);
        writeWeb(folder, "1");
        List<String> rollouts = new java.util.concurrent.CopyOnWriteArrayList<>();
        Clock clock = Clock.systemUTC();
        // The replacement's health gate would wait a minute; the progress deadline is two seconds.
        HealthGate slow = new HealthGate(Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofMillis(100));
        HealthGate quick = new HealthGate(Duration.ofSeconds(20), Duration.ZERO, Duration.ofMillis(100));
        Reconciler reconciler = new Reconciler(new DirectorySource(folder), TestEngine.observeOnly(engine, app),
                (plan, log) -> new DockerApplier(engine, clock, plan.actions().stream()
                        .anyMatch(action -> action instanceof dev.driftless.reconciler.plan.Action.ReplaceContainer)
                                ? slow : quick).execute(plan, log),
                new RecordingHistory(), new ReconcileMetrics() {
                    @Override
                    public void rolledOut(String rolled, String result) {
                        rollouts.add(result);
                    }
                }, PlanPolicy.defaults(), clock)
                .withRollouts(journal, RetryBackoff.defaults(), () -> false, Duration.ofSeconds(2));
        assertThat(reconciler.reconcile(Trigger.CLI).failed()).isFalse();
        String before = docker.inspectContainerCmd(app + "-web-1").exec().getId();

        writeWeb(folder, "2");
        Instant started = Instant.now();
        ReconcileReport report = reconciler.reconcile(Trigger.POLL);

        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(30));
        assertThat(report.outcomes()).singleElement().isInstanceOfSatisfying(AppOutcome.Applied.class, applied -> {
            assertThat(applied.wasStuck()).isTrue();
            assertThat(applied.error()).startsWith("stuck: no progress within the progress deadline of 2s");
        });
        assertThat(journal.recent(app, 1).get(0).state()).isEqualTo(JournalState.STUCK);
        assertThat(rollouts).containsExactly("succeeded", "stuck");
        InspectContainerResponse web = docker.inspectContainerCmd(app + "-web-1").exec();
        assertThat(web.getId()).as("the previous container is back under its name").isEqualTo(before);
        assertThat(web.getState().getRunning()).isTrue();
        assertThat(reconciler.lastFailure(app)).as("retried later, with backoff").isPresent();
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(OwnershipLabels.APP, app))
                .exec()).hasSize(1);
    }

    /** The app's one service, at {@code version}, in the repo folder. */
    private void writeWeb(Path folder, String version) throws IOException {
        Files.createDirectories(folder.resolve(app));
        Files.writeString(folder.resolve(app).resolve("compose.yaml"),
                TestCompose.app(TestCompose.service("web", "gate", Map.of("V", version))));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Reconciler reconciler(Path folder, UpdateOrder order) {
        Clock clock = Clock.systemUTC();
        HealthGate gate = new HealthGate(Duration.ofSeconds(20), Duration.ofSeconds(2), Duration.ofMillis(100));
        return new Reconciler(new DirectorySource(folder), TestEngine.observeOnly(engine, app),
                (plan, log) -> new DockerApplier(engine, clock, gate).execute(plan, log), new RecordingHistory(),
                ReconcileMetrics.NONE, new PlanPolicy(true, service -> order), clock)
                .withRollouts(journal, new RetryBackoff(Duration.ofMinutes(1), Duration.ofMinutes(5)), () -> false);
    }
}
