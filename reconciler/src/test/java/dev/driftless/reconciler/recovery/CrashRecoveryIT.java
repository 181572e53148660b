package dev.driftless.reconciler.recovery;

import com.github.dockerjava.api.model.Container;
import dev.driftless.reconciler.docker.DockerApplier;
import dev.driftless.reconciler.docker.HealthGate;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.engine.RolloutHistory;
import dev.driftless.reconciler.engine.RolloutJournal;
import dev.driftless.reconciler.engine.RolloutJournal.JournalEntry;
import dev.driftless.reconciler.engine.RolloutJournal.JournalState;
import dev.driftless.reconciler.engine.Trigger;
import dev.driftless.reconciler.journal.JdbcRolloutJournal;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.source.DirectorySource;
import dev.driftless.reconciler.state.OwnershipLabels;
import dev.driftless.reconciler.testing.TestCompose;
import dev.driftless.reconciler.testing.SharedEngine;
import dev.driftless.reconciler.testing.TestEngine;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise of DESIGN.md's invariant 2, tested the hard way: a rollout with several waves by
 * depends_on (a stop-first replacement, then a start-first one, then a new service; a scale-down
 * and a service pruned) runs in a process of its
 * own, which is killed with SIGKILL at each journal write in turn; a fresh process then recovers
 * and reconciles, and the engine must run exactly the desired containers, with nothing duplicated,
 * orphaned or left aside, and the journal must tell what happened.
 */
class CrashRecoveryIT {

    @RegisterExtension
    static final SharedEngine ENGINE = new SharedEngine();


    @TempDir
    Path temp;

    @Test
    void aRolloutKilledAtAnyJournalStepBoundaryIsRecoveredToTheDesiredState() throws Exception {
        List<String> story = new ArrayList<>();
        int boundary = 1;
        while (true) {
            Path folder = temp.resolve("crash-" + boundary);
            String app = TestEngine.uniqueApp("crash" + boundary);
            Path appFolder = folder.resolve(app);
            String database = temp.resolve("store-" + boundary).resolve("driftless").toString();
            Files.createDirectories(appFolder);
            try {
                Files.writeString(appFolder.resolve("compose.yaml"), version(1));
                deployInProcess(folder, app);
                Files.writeString(appFolder.resolve("compose.yaml"), version(2));

                Run crashed = run(folder, app, database, boundary);
                if (crashed.boundary().isEmpty()) {
                    assertThat(crashed.exit()).as("the rollout without a crash\n" + crashed.output()).isZero();
                    assertConverged(app);
                    assertThat(boundary).as("journal writes of the whole rollout").isGreaterThan(10);
                    break;
                }
                story.add(crashed.boundary().get());

                Run recovery = run(folder, app, database, 0);
                assertThat(recovery.exit()).as("recovery after " + crashed.boundary().get() + "\n" + recovery.output())
                        .isZero();
                assertConverged(app);
                assertJournalTellsTheStory(database, app, crashed.boundary().get());
            } finally {
                TestEngine.removeApp(ENGINE.docker(), app);
            }
            boundary++;
        }
        assertThat(story).as("boundaries crossed").hasSizeGreaterThan(10);
    }

    /**
     * v1: five services, one of three replicas. v2, in three waves by depends_on: db replaced
     * stop-first; then startfirst (which depends on db being healthy) replaced start-first, as its
     * update_config says; then a new service that depends on startfirst; steady unchanged; scaled
     * down from 3 replicas to 1; retired pruned.
     */
    private static String version(int version) {
        String v = Integer.toString(version);
        List<String> services = new ArrayList<>();
        services.add(TestCompose.service("db", "crash", Map.of("V", v)));
        services.add(TestCompose.service("startfirst", "crash", Map.of("V", v))
                + "    depends_on:\n      db:\n        condition: service_healthy\n"
                + "    deploy:\n      update_config:\n        order: start-first\n");
        services.add(TestCompose.service("steady", "crash", Map.of()));
        services.add(TestCompose.service("scaled", "crash", Map.of()) + "    scale: " + (version == 1 ? 3 : 1) + "\n");
        if (version == 1) {
            services.add(TestCompose.service("retired", "crash", Map.of()));
        } else {
            services.add(TestCompose.service("added", "crash", Map.of())
                    + "    depends_on:\n      startfirst:\n        condition: service_started\n");
        }
        return TestCompose.app(services.toArray(String[]::new));
    }

    private void deployInProcess(Path folder, String app) {
        Clock clock = Clock.systemUTC();
        HealthGate quick = new HealthGate(Duration.ofSeconds(30), Duration.ZERO, Duration.ofMillis(100));
        var report = new Reconciler(new DirectorySource(folder), TestEngine.observeOnly(ENGINE.engine(), app),
                (plan, log) -> new DockerApplier(ENGINE.engine(), clock, quick).execute(plan, log), RolloutHistory.NONE,
                ReconcileMetrics.NONE, PlanPolicy.defaults(), clock).reconcile(Trigger.CLI);
        assertThat(report.failed()).as("v1 deployed").isFalse();
    }

    private record Run(int exit, Optional<String> boundary, String output) {
    }

    /** Runs {@link RolloutProcess}; when it reports the boundary, kills it with {@code kill -9}. */
    private Run run(Path folder, String app, String database, int crashAfter) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", classpath, RolloutProcess.class.getName(),
                folder.toString(), app, database, TestEngine.HOST.toString(), Integer.toString(crashAfter), "")
                .redirectErrorStream(true)
                .start();
        StringBuilder output = new StringBuilder();
        Optional<String> boundary = Optional.empty();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith(CrashingJournal.BOUNDARY)) {
                    boundary = Optional.of(line);
                    new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start().waitFor();
                    break;
                }
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the rollout process did not end:\n" + output);
        }
        return new Run(process.exitValue(), boundary, output.toString());
    }

    /** Exactly the v2 containers, each once, running, from v2's spec; nothing aside or half-made. */
    private void assertConverged(String app) {
        List<Container> containers = ENGINE.docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(OwnershipLabels.APP, app)).exec();
        assertThat(containers).extracting(container -> container.getNames()[0].substring(1))
                .containsExactlyInAnyOrder(app + "-db-1", app + "-startfirst-1", app + "-steady-1",
                        app + "-scaled-1", app + "-added-1");
        assertThat(containers).allSatisfy(container -> assertThat(container.getState()).isEqualTo("running"));
        assertThat(containers).filteredOn(container -> container.getNames()[0].matches(".*-(db|startfirst)-1"))
                .allSatisfy(container -> assertThat(ENGINE.docker().inspectContainerCmd(container.getId()).exec().getConfig()
                        .getEnv()).contains("V=2"));
    }

    /** The crashed rollout is closed as interrupted (or done), nothing is left running, the last one is done. */
    private static void assertJournalTellsTheStory(String database, String app, String boundary) {
        try (ApplicationContext context = ApplicationContext.run(Map.of("datasources.default.url",
                "jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE"))) {
            RolloutJournal journal = context.getBean(JdbcRolloutJournal.class);
            List<JournalEntry> entries = journal.recent(app, 20);
            assertThat(entries).as("journal after " + boundary).isNotEmpty();
            assertThat(entries).noneMatch(entry -> entry.state() == JournalState.RUNNING);
            JournalEntry crashed = entries.get(entries.size() - 1);
            assertThat(crashed.trigger()).isEqualTo("cli");
            if (crashed.state() == JournalState.INTERRUPTED) {
                assertThat(crashed.error()).contains("the process running it stopped");
                assertThat(crashed.steps()).noneMatch(step -> step.state() == JournalState.RUNNING
                        || step.state() == JournalState.PENDING);
            } else {
                assertThat(crashed.state()).as(boundary).isEqualTo(JournalState.DONE);
            }
            if (entries.size() > 1) {
                assertThat(entries.get(0).state()).as("the last rollout after " + boundary).isEqualTo(JournalState.DONE);
            }
        }
    }
}
