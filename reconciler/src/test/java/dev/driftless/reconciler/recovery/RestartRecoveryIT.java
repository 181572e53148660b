package dev.driftless.reconciler.recovery;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.driftless.reconciler.docker.DockerApplier;
import dev.driftless.reconciler.docker.HealthGate;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.engine.RolloutHistory;
import dev.driftless.reconciler.engine.RolloutJournal.JournalEntry;
import dev.driftless.reconciler.engine.RolloutJournal.JournalState;
import dev.driftless.reconciler.engine.RolloutRecovery;
import dev.driftless.reconciler.engine.TargetObserver;
import dev.driftless.reconciler.engine.Trigger;
import dev.driftless.reconciler.journal.JdbcRolloutJournal;
import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.source.DirectorySource;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.testing.SharedEngine;
import dev.driftless.reconciler.testing.TestEngine;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code depends_on.restart} step is journaled like any other, and one a dead process left
 * unfinished is re-done by recovery on the real engine: no later plan would, since the replacement
 * that called for it may be complete.
 */
class RestartRecoveryIT {

    @RegisterExtension
    static final SharedEngine ENGINE = new SharedEngine();

    @TempDir
    Path temp;

    private final String app = TestEngine.uniqueApp("restart");
    private final Map<String, Object> database = Map.of("datasources.default.url",
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    /** The store of the process that dies mid-rollout. */
    private final ApplicationContext dead = ApplicationContext.run(database);
    /** The same store, as the next process sees it: the dead one's rollouts are not its own. */
    private final ApplicationContext next = ApplicationContext.run(database);

    @AfterEach
    void cleanUp() {
        next.close();
        dead.close();
        TestEngine.removeApp(docker(), app);
    }

    @Test
    void aRestartLeftRunningByADeadProcessIsReDoneByRecovery() throws Exception {
        Path file = temp.resolve(app).resolve("compose.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "services:\n  web:\n    image: busybox:1.36\n"
                + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n"
                + "    labels:\n      " + TestEngine.TEST_LABEL + ": restart\n");
        Clock clock = Clock.systemUTC();
        HealthGate gate = new HealthGate(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMillis(100));
        TargetObserver observer = TestEngine.observeOnly(ENGINE.engine(), app);
        assertThat(new Reconciler(new DirectorySource(temp), observer,
                (plan, log) -> new DockerApplier(ENGINE.engine(), clock, gate).execute(plan, log),
                RolloutHistory.NONE, ReconcileMetrics.NONE, PlanPolicy.defaults(), clock)
                .reconcile(Trigger.CLI).failed()).isFalse();
        InspectContainerResponse before = docker().inspectContainerCmd(app + "-web-1").exec();
        ObservedContainer web = observer.observe().app(app).containers().get(0);

        // A rollout that replaced db and died while restarting web: its restart step is still running.
        JdbcRolloutJournal deadJournal = dead.getBean(JdbcRolloutJournal.class);
        long died = deadJournal.begin(app, "rev", Trigger.CLI.label(),
                List.of(Action.RestartContainer.after(web, List.of("db"))));
        deadJournal.step(died, 0, JournalState.RUNNING, "");
        JdbcRolloutJournal journal = next.getBean(JdbcRolloutJournal.class);

        List<RolloutRecovery.Recovered> recovered = new RolloutRecovery(journal, observer,
                (plan, log) -> new DockerApplier(ENGINE.engine(), clock, gate).execute(plan, log), clock,
                RolloutRecovery.DEFAULT_PROGRESS_DEADLINE, ReconcileMetrics.NONE).recoverUnfinished().recovered();

        assertThat(recovered).singleElement().satisfies(entry -> {
            assertThat(entry.closedAs()).isEqualTo(JournalState.INTERRUPTED);
            assertThat(entry.repaired()).isTrue();
            assertThat(entry.repairs().actions()).extracting(Action::verb, Action::subject)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("restart", app + "-web-1"));
        });
        InspectContainerResponse after = docker().inspectContainerCmd(app + "-web-1").exec();
        assertThat(after.getId()).isEqualTo(before.getId());
        assertThat(after.getState().getRunning()).isTrue();
        assertThat(after.getState().getStartedAt()).as("started again").isNotEqualTo(before.getState().getStartedAt());
        JournalEntry recovery = journal.recent(app, 1).get(0);
        assertThat(recovery.trigger()).isEqualTo(Trigger.RECOVERY.label());
        assertThat(recovery.steps()).singleElement().satisfies(step -> {
            assertThat(step.kind()).isEqualTo("restart");
            assertThat(step.state()).isEqualTo(JournalState.DONE);
        });
    }

    private static DockerClient docker() {
        return ENGINE.docker();
    }
}
