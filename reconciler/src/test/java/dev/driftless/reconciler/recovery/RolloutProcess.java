package dev.driftless.reconciler.recovery;

import dev.driftless.reconciler.docker.DockerApplier;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.docker.HealthGate;
import dev.driftless.reconciler.engine.AppOutcome;
import dev.driftless.reconciler.engine.PlanExecutor;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.engine.ReconcileReport;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.engine.RetryBackoff;
import dev.driftless.reconciler.engine.RolloutHistory;
import dev.driftless.reconciler.engine.RolloutJournal;
import dev.driftless.reconciler.engine.RolloutRecovery;
import dev.driftless.reconciler.engine.TargetObserver;
import dev.driftless.reconciler.engine.Trigger;
import dev.driftless.reconciler.journal.JdbcRolloutJournal;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.plan.UpdateOrder;
import dev.driftless.reconciler.source.DirectorySource;
import dev.driftless.reconciler.testing.TestEngine;
import io.micronaut.context.ApplicationContext;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A rollout in a process of its own, for the crash test: what {@code driftless run} does on
 * start-up (recover what the journal shows unfinished, then reconcile), against a folder, with the
 * journal in an H2 file. With {@code crashAfter > 0} it stops at that journal write and waits to be
 * killed.
 *
 * <p>Arguments: folder, app (the only one it sees on the engine), H2 file (without extension),
 * docker host, crash-after (0: never), start-first services (comma-separated; when empty, each
 * service's {@code deploy.update_config.order} says).
 */
public final class RolloutProcess {

    private RolloutProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        String app = args[1];
        String database = args[2];
        URI host = URI.create(args[3]);
        int crashAfter = Integer.parseInt(args[4]);
        Set<String> startFirst = args.length > 5 && !args[5].isBlank() ? Set.of(args[5].split(",")) : Set.of();
        Clock clock = Clock.systemUTC();
        try (ApplicationContext context = ApplicationContext.run(Map.of("datasources.default.url",
                "jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"));
                DockerEngine engine = DockerEngine.connect(host)) {
            CrashingJournal journal = new CrashingJournal(context.getBean(JdbcRolloutJournal.class), crashAfter,
                    System.out);
            TargetObserver observer = TestEngine.observeOnly(engine, app);
            HealthGate gate = new HealthGate(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMillis(100));
            // One step at a time, so that boundary n is the same journal write on every run.
            PlanExecutor executor = (plan, log) -> new DockerApplier(engine, clock, 1, gate).execute(plan, log);
            new RolloutRecovery(journal, observer, executor, clock, RolloutRecovery.DEFAULT_PROGRESS_DEADLINE,
                    ReconcileMetrics.NONE)
                    .recoverUnfinished().recovered()
                    .forEach(recovered -> System.out.println("RECOVERED " + recovered));
            UpdateOrder.Rule order = startFirst.isEmpty() ? UpdateOrder.Rule.COMPOSE_DEFAULT
                    : service -> startFirst.contains(service.name()) ? UpdateOrder.START_FIRST : UpdateOrder.STOP_FIRST;
            Reconciler reconciler = new Reconciler(new DirectorySource(folder), observer, executor,
                    RolloutHistory.NONE, ReconcileMetrics.NONE, new PlanPolicy(true, order), clock)
                    .withRollouts(journal, RetryBackoff.defaults(), () -> false);
            ReconcileReport report = reconciler.reconcile(Trigger.CLI);
            boolean ok = report.sourceError().isEmpty() && report.outcomes().stream()
                    .allMatch(outcome -> !(outcome instanceof AppOutcome.Failed)
                            && !(outcome instanceof AppOutcome.Applied applied && !applied.succeeded()));
            report.outcomes().forEach(outcome -> System.out.println("OUTCOME " + outcome.app() + " " + outcome.result()));
            System.out.println("COMPLETED writes=" + journal.writes());
            System.out.flush();
            System.exit(ok ? 0 : 1);
        }
    }
}
