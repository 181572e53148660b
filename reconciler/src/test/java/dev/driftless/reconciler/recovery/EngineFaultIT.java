package dev.driftless.reconciler.recovery;

import com.github.dockerjava.api.model.Container;
import dev.driftless.reconciler.docker.DockerApplier;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.docker.HealthGate;
import dev.driftless.reconciler.engine.AppOutcome;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.engine.ReconcileReport;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.engine.RetryBackoff;
import dev.driftless.reconciler.engine.RolloutJournal;
import dev.driftless.reconciler.engine.RolloutJournal.JournalState;
import dev.driftless.reconciler.engine.Trigger;
import dev.driftless.reconciler.journal.JdbcRolloutJournal;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.source.DirectorySource;
import dev.driftless.reconciler.state.OwnershipLabels;
import dev.driftless.reconciler.testing.EngineProxy;
import dev.driftless.reconciler.testing.ForwardingJournal;
import dev.driftless.reconciler.testing.RecordingHistory;
import dev.driftless.reconciler.testing.TestCompose;
import dev.driftless.reconciler.testing.TestEngine;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine goes away in the middle of a rollout — through a proxy that the test cuts, since the
 * real engine is shared — and comes back: the rollout fails cleanly (no exception escapes, the
 * journal says failed), the target is reported unreachable, and the reconciles after the engine
 * returns converge on the desired containers with nothing left aside.
 */
class EngineFaultIT {

    @TempDir
    Path temp;

    private EngineProxy proxy;
    private DockerEngine direct;
    private DockerEngine proxied;
    private ApplicationContext store;
    private String app;

    @BeforeEach
    void start() throws Exception {
        direct = TestEngine.connect();
        Path engineSocket = Path.of(TestEngine.HOST.getPath());
        proxy = EngineProxy.start(temp.resolve("engine.sock"), engineSocket);
        proxied = DockerEngine.connect(proxy.uri());
        store = ApplicationContext.run(Map.of("datasources.default.url",
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        app = TestEngine.uniqueApp("fault");
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        proxied.close();
        store.close();
        TestEngine.removeApp(direct.client(), app);
        direct.close();
    }

    @Test
    void anEngineLostMidRolloutFailsItCleanlyAndTheRolloutConvergesOnceItIsBack() throws Exception {
        Path appFolder = temp.resolve("repo").resolve(app);
        Files.createDirectories(appFolder);
        Files.writeString(appFolder.resolve("compose.yaml"), compose(1));
        JdbcRolloutJournal real = store.getBean(JdbcRolloutJournal.class);
        AtomicBoolean cutAtFirstProgress = new AtomicBoolean();
        RolloutJournal journal = new CuttingJournal(real, () -> {
            if (cutAtFirstProgress.compareAndSet(true, false)) {
                proxy.cut();
            }
        });
        List<Boolean> reachability = new ArrayList<>();
        Clock clock = Clock.systemUTC();
        HealthGate gate = new HealthGate(Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofMillis(100));
        Reconciler reconciler = new Reconciler(new DirectorySource(temp.resolve("repo")),
                TestEngine.observeOnly(proxied, app),
                (plan, log) -> new DockerApplier(proxied, clock, gate).execute(plan, log), new RecordingHistory(),
                new ReconcileMetrics() {
                    @Override
                    public void targetUp(String target, boolean up) {
                        reachability.add(up);
                    }
                }, PlanPolicy.defaults(), clock)
                .withRollouts(journal, new RetryBackoff(Duration.ofMillis(1), Duration.ofMillis(1)), () -> false);
        assertThat(reconciler.reconcile(Trigger.CLI).failed()).as("v1 deployed").isFalse();

        Files.writeString(appFolder.resolve("compose.yaml"), compose(2));
        cutAtFirstProgress.set(true);
        ReconcileReport cut = reconciler.reconcile(Trigger.CLI);

        assertThat(cut.outcomes()).singleElement().isInstanceOfSatisfying(AppOutcome.Applied.class,
                applied -> assertThat(applied.succeeded()).isFalse());
        assertThat(real.recent(app, 1).get(0).state()).isEqualTo(JournalState.FAILED);
        assertThat(reachability).last().isEqualTo(false);

        proxy.restore();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            ReconcileReport report = reconciler.reconcile(Trigger.POLL);
            return !report.failed() && report.outcomes().stream().allMatch(o -> o instanceof AppOutcome.InSync);
        });

        List<Container> containers = direct.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(OwnershipLabels.APP, app)).exec();
        assertThat(containers).extracting(container -> container.getNames()[0].substring(1))
                .containsExactlyInAnyOrder(app + "-web-1", app + "-worker-1");
        assertThat(containers).allSatisfy(container -> assertThat(container.getState()).isEqualTo("running"));
        assertThat(direct.client().inspectContainerCmd(app + "-web-1").exec().getConfig().getEnv()).contains("V=2");
        assertThat(reachability).last().isEqualTo(true);
    }

    private static String compose(int version) {
        return TestCompose.app(TestCompose.service("web", "fault", Map.of("V", Integer.toString(version))),
                TestCompose.service("worker", "fault", Map.of("V", Integer.toString(version))));
    }

    /** The real journal, running a hook after each progress write: the moment the test pulls the plug. */
    private static final class CuttingJournal extends ForwardingJournal {

        private final Runnable onProgress;

        CuttingJournal(RolloutJournal journal, Runnable onProgress) {
            super(journal);
            this.onProgress = onProgress;
        }

        @Override
        public void step(long rollout, int index, JournalState state, String detail) {
            super.step(rollout, index, state, detail);
            if (state == JournalState.RUNNING && !detail.isEmpty()) {
                onProgress.run();
            }
        }
    }
}
