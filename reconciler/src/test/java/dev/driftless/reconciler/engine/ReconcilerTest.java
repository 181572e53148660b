package dev.driftless.reconciler.engine;

import dev.driftless.reconciler.plan.Action;
import dev.driftless.manifests.layout.InMemoryRepoTree;
import dev.driftless.reconciler.plan.Plan;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.ObservedTarget;
import dev.driftless.reconciler.state.OwnershipLabels;
import dev.driftless.reconciler.testing.RecordingHistory;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconcile's own decisions, with plain values standing in for git and Docker. */
class ReconcilerTest {

    private final AtomicReference<Map<String, String>> files = new AtomicReference<>(Map.of());
    private final AtomicReference<String> sourceError = new AtomicReference<>();
    private final List<Plan> executed = new ArrayList<>();
    private final RecordingHistory history = new RecordingHistory();
    private final List<String> metrics = new ArrayList<>();

    private final Reconciler reconciler = new Reconciler(new FakeSource(),
            () -> ObservedTarget.of("fake", List.of(), Map.of()),
            (plan, log) -> {
                executed.add(plan);
                return plan.actions().stream().map(action -> AppliedStep.done(action, Duration.ZERO)).toList();
            },
            history,
            new ReconcileMetrics() {
                @Override
                public void reconciled(String app, String result, Duration took) {
                    metrics.add(app + " " + result);
                }

                @Override
                public void sourceRead(boolean succeeded, Duration took) {
                    metrics.add("source " + (succeeded ? "read" : "failed"));
                }
            },
            PlanPolicy.defaults(), Clock.systemUTC());

    @Test
    void anUnreadableSourceIsReportedAndNothingIsPlannedOrExecuted() {
        sourceError.set("remote hung up");

        ReconcileReport report = reconciler.reconcile(Trigger.POLL);

        assertThat(report.sourceError()).contains("remote hung up");
        assertThat(report.failed()).isTrue();
        assertThat(executed).isEmpty();
        assertThat(metrics).containsExactly("source failed");
    }

    @Test
    void aFailingAppIsRecordedOnceWhilePollsKeepFindingTheSameFailure() {
        files.set(Map.of("shop/compose.yaml", "services:\n  web:\n    image: busybox:1.36\n    bogus: 1\n"));

        reconciler.reconcile(Trigger.POLL);
        reconciler.reconcile(Trigger.POLL);
        reconciler.reconcile(Trigger.POLL);

        assertThat(history.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.result()).isEqualTo("failed");
            assertThat(entry.error()).contains("shop/compose.yaml:4:5").contains("bogus");
        });
        assertThat(metrics).filteredOn(line -> line.startsWith("shop")).containsExactly("shop failed", "shop failed",
                "shop failed");
        assertThat(executed).isEmpty();
    }

    @Test
    void aBrokenAppDoesNotStopTheOthersFromBeingApplied() {
        files.set(Map.of(
                "shop/compose.yaml", "services:\n  web:\n    image: [broken\n",
                "blog/compose.yaml", "services:\n  web:\n    image: busybox:1.36\n"));

        ReconcileReport report = reconciler.reconcile(Trigger.POLL);

        assertThat(report.outcomes()).extracting(AppOutcome::app, AppOutcome::result)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("shop", "failed"),
                        org.assertj.core.groups.Tuple.tuple("blog", "applied"));
        assertThat(executed).extracting(Plan::app).containsExactly("blog");
    }

    @Test
    void aScopedReconcilePlansOnlyTheAppsAPushTouched() {
        files.set(Map.of(
                "shop/compose.yaml", "services:\n  web:\n    image: busybox:1.36\n",
                "blog/compose.yaml", "services:\n  web:\n    image: busybox:1.36\n"));

        ReconcileReport report = reconciler.reconcile(Trigger.WEBHOOK, ReconcileScope.apps(java.util.Set.of("blog")));

        assertThat(report.outcomes()).extracting(AppOutcome::app).containsExactly("blog");
        assertThat(executed).extracting(Plan::app).containsExactly("blog");
        assertThat(history.entries()).extracting(RolloutEntry::trigger).containsExactly("webhook");
    }

    @Test
    void anAppThatDriftlessYamlPlacesOnlyOnAnotherEngineIsNotDeployedOnThisOne() {
        files.set(Map.of(
                "driftless.yaml", "targets:\n  edge: {host: 'tcp://edge.example:2376'}\n"
                        + "apps:\n  shop: {targets: [edge]}\n  blog: {targets: [local, edge]}\n",
                "shop/compose.yaml", "services:\n  web:\n    image: busybox:1.36\n",
                "blog/compose.yaml", "services:\n  web:\n    image: busybox:1.36\n"));

        ReconcileReport report = reconciler.reconcile(Trigger.POLL);

        assertThat(report.outcomes()).extracting(AppOutcome::app).containsExactly("blog");
        assertThat(executed).extracting(Plan::app).containsExactly("blog");
    }

    @Test
    void aSuspendedAppIsNeitherPlannedNorFailedNorRemoved() {
        files.set(Map.of(
                "shop/compose.yaml", "services:\n  web:\n    image: [broken\n",
                "blog/compose.yaml", "services:\n  web:\n    image: busybox:1.36\n"));
        Reconciler withShopSuspended = new Reconciler(new FakeSource(),
                () -> ObservedTarget.of("fake", List.of(), Map.of()),
                (plan, log) -> {
                    executed.add(plan);
                    return plan.actions().stream().map(action -> AppliedStep.done(action, Duration.ZERO)).toList();
                },
                history, ReconcileMetrics.NONE, PlanPolicy.defaults(), Clock.systemUTC(), RolloutListener.NONE,
                app -> app.equals("shop"));

        ReconcileReport report = withShopSuspended.reconcile(Trigger.POLL);

        assertThat(report.outcomes()).extracting(AppOutcome::app).containsExactly("blog");
        assertThat(executed).extracting(Plan::app).containsExactly("blog");
    }

    @Test
    void anAppThatLeftTheRepoIsRemovedOnlyWhenThisRepoDeployedIt() {
        files.set(Map.of("blog/compose.yaml", "services:\n  web:\n    image: busybox:1.36\n"));
        List<ObservedContainer> running = List.of(
                running("ours", Map.of(OwnershipLabels.SOURCE, "memory")),
                running("ours-labelled-by-name", Map.of(OwnershipLabels.SOURCE, "fleet")),
                running("theirs", Map.of(OwnershipLabels.SOURCE, "another-repo")),
                running("theirs-of-the-same-name", Map.of(OwnershipLabels.SOURCE, "/elsewhere/fleet")),
                running("legacy", Map.of()));
        Reconciler onSharedEngine = new Reconciler(new FakeSource(),
                () -> ObservedTarget.of("fake", running, Map.of()),
                (plan, log) -> {
                    executed.add(plan);
                    return plan.actions().stream().map(action -> AppliedStep.done(action, Duration.ZERO)).toList();
                },
                history, ReconcileMetrics.NONE, PlanPolicy.defaults(), Clock.systemUTC());

        onSharedEngine.reconcile(Trigger.POLL);

        assertThat(executed).extracting(Plan::app)
                .containsExactlyInAnyOrder("blog", "ours", "ours-labelled-by-name", "legacy");
        assertThat(executed).filteredOn(plan -> plan.app().equals("blog")).extracting(Plan::source)
                .containsExactly("memory");
    }

    @Test
    void aWarningThatHoldsOnEveryPollIsLoggedOnceUntilItChanges() {
        files.set(Map.of("driftless.yaml", "apps:\n  shop:\n    prune: false\n",
                "shop/compose.yaml", "services:\n  web:\n    image: busybox:1.36\n"));
        ObservedContainer worker = new ObservedContainer("worker-id", "shop-worker-1", "shop", "worker", 1, "hash",
                "rev", ContainerState.RUNNING, Map.of(OwnershipLabels.APP, "shop", OwnershipLabels.SOURCE, "memory"));
        AtomicReference<List<ObservedContainer>> running = new AtomicReference<>(List.of(worker));
        Reconciler keeping = new Reconciler(new FakeSource(), () -> ObservedTarget.of("fake", running.get(), Map.of()),
                (plan, log) -> plan.actions().stream().map(action -> AppliedStep.done(action, Duration.ZERO)).toList(),
                history, ReconcileMetrics.NONE, PlanPolicy.defaults(), Clock.systemUTC());
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(Reconciler.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            keeping.reconcile(Trigger.POLL);
            keeping.reconcile(Trigger.POLL);
            running.set(List.of());
            keeping.reconcile(Trigger.POLL);
            running.set(List.of(worker));
            keeping.reconcile(Trigger.POLL);
        } finally {
            logger.detachAppender(logged);
        }

        assertThat(logged.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .filteredOn(message -> message.contains("pruning is off")).as("once, then again once it came back")
                .containsExactly("app shop on target local: service 'worker' left the repo, but pruning is off for "
                        + "app 'shop': its containers are kept",
                        "app shop on target local: service 'worker' left the repo, but pruning is off for app 'shop': "
                                + "its containers are kept");
    }

    @Test
    void driftWithSelfHealOffIsReportedOnceAndHealedOnlyByAnExplicitSync() {
        files.set(Map.of("driftless.yaml", "apps:\n  shop:\n    selfHeal: false\n",
                "shop/compose.yaml", "services:\n  web:\n    image: busybox:1.36\n"));
        DriftingEngine engine = new DriftingEngine();
        engine.reconciler.reconcile(Trigger.POLL);
        engine.stopByHand();

        ReconcileReport first = engine.reconciler.reconcile(Trigger.POLL);
        ReconcileReport second = engine.reconciler.reconcile(Trigger.POLL);

        assertThat(first.outcomes()).singleElement().isInstanceOfSatisfying(AppOutcome.Drifted.class,
                drifted -> assertThat(drifted.describe()).contains("shop-web-1: container was stopped by hand"));
        assertThat(second.outcomes()).singleElement().isInstanceOf(AppOutcome.Drifted.class);
        assertThat(engine.executed).as("nothing is changed while selfHeal is off").hasSize(1);
        assertThat(engine.drift).as("counted once, not on every poll").containsExactly("shop stopped");
        assertThat(history.entries()).extracting(RolloutEntry::result).containsExactly("applied", "drifted");

        engine.reconciler.reconcile(Trigger.API);

        assertThat(engine.executed).hasSize(2);
        assertThat(engine.executed.get(1).actions()).extracting(Action::verb).containsExactly("start");
    }

    @Test
    void driftWithSelfHealOnIsHealedAndCountedEachTimeItHappens() {
        files.set(Map.of("shop/compose.yaml", "services:\n  web:\n    image: busybox:1.36\n"));
        DriftingEngine engine = new DriftingEngine();
        engine.reconciler.reconcile(Trigger.POLL);

        engine.stopByHand();
        engine.reconciler.reconcile(Trigger.POLL);
        engine.startAgain();
        engine.reconciler.reconcile(Trigger.POLL);
        engine.stopByHand();
        engine.reconciler.reconcile(Trigger.POLL);

        assertThat(engine.executed).extracting(plan -> plan.actions().get(plan.actions().size() - 1).reason())
                .containsExactly("new app", "container was stopped by hand (exit code 137)",
                        "container was stopped by hand (exit code 137)");
        assertThat(engine.drift).containsExactly("shop stopped", "shop stopped");
    }

    /** An engine that runs what the plans create, and where a person can stop the container. */
    private final class DriftingEngine {
        final List<Plan> executed = new ArrayList<>();
        final List<String> drift = new ArrayList<>();
        final AtomicReference<List<ObservedContainer>> containers = new AtomicReference<>(List.of());
        final Reconciler reconciler = new Reconciler(new FakeSource(),
                () -> ObservedTarget.of("fake", containers.get(),
                        containers.get().isEmpty() ? Map.of() : Map.of("shop", List.of("shop_default"))),
                (plan, log) -> {
                    executed.add(plan);
                    plan.actions().stream().filter(Action.CreateContainer.class::isInstance)
                            .map(Action.CreateContainer.class::cast)
                            .forEach(create -> containers.set(List.of(new ObservedContainer("id", create.subject(),
                                    create.app(), create.service().name(), 1, create.specHash(), plan.revision(),
                                    ContainerState.RUNNING, OwnershipLabels.forContainer(create.app(), create.service(),
                                            1, plan.revision(), create.specHash())))));
                    return plan.actions().stream().map(action -> AppliedStep.done(action, Duration.ZERO)).toList();
                },
                history,
                new ReconcileMetrics() {
                    @Override
                    public void driftDetected(String app, String kind) {
                        drift.add(app + " " + kind);
                    }
                },
                PlanPolicy.defaults(), Clock.systemUTC());

        void stopByHand() {
            ObservedContainer web = containers.get().get(0);
            containers.set(List.of(new ObservedContainer(web.id(), web.name(), web.app(), web.service(), web.number(),
                    web.specHash(), web.revision(), ContainerState.EXITED, web.labels(), "",
                    java.util.OptionalInt.of(137))));
        }

        void startAgain() {
            ObservedContainer web = containers.get().get(0);
            containers.set(List.of(new ObservedContainer(web.id(), web.name(), web.app(), web.service(), web.number(),
                    web.specHash(), web.revision(), ContainerState.RUNNING, web.labels())));
        }
    }

    /** Several targets, each a plain value; the executor of a target can be made to fail. */
    @org.junit.jupiter.api.Nested
    class AcrossTargets {

        private final Map<String, ObservedTarget> observed = new java.util.HashMap<>();
        private final java.util.Set<String> unreachable = new java.util.HashSet<>();
        private final java.util.Set<String> failing = new java.util.HashSet<>();
        private final List<String> applied = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Map<String, Boolean> up = new java.util.concurrent.ConcurrentSkipListMap<>();
        /** When set, each rollout of shop waits here for the other target's: only side by side do both arrive. */
        private java.util.concurrent.CyclicBarrier meeting;
        private final List<String> met = java.util.Collections.synchronizedList(new ArrayList<>());

        private final Reconciler fleet = new Reconciler(new FakeSource(),
                () -> ObservedTarget.of("unused", List.of(), Map.of()),
                (plan, log) -> List.of(), history,
                new ReconcileMetrics() {
                    @Override
                    public void targetUp(String target, boolean answered) {
                        up.put(target, answered);
                    }
                }, PlanPolicy.defaults(), Clock.systemUTC()).withTargets(new Targets() {
                    @Override
                    public TargetObserver observer(dev.driftless.manifests.config.TargetConfig target) {
                        return () -> {
                            if (unreachable.contains(target.name())) {
                                throw new IllegalStateException("connection refused");
                            }
                            return observed.getOrDefault(target.name(), ObservedTarget.of(target.name(), List.of(),
                                    Map.of()));
                        };
                    }

                    @Override
                    public PlanExecutor executor(dev.driftless.manifests.config.TargetConfig target) {
                        return (plan, log) -> {
                            applied.add(plan.app() + "@" + target.name());
                            if (meeting != null && plan.app().equals("shop")) {
                                try {
                                    meeting.await(10, java.util.concurrent.TimeUnit.SECONDS);
                                    met.add(target.name());
                                } catch (Exception alone) {
                                    met.add(target.name() + " alone");
                                }
                            }
                            return plan.actions().stream().map(action -> failing.contains(target.name())
                                    ? AppliedStep.failed(action, Duration.ZERO, "engine said no")
                                    : AppliedStep.done(action, Duration.ZERO)).toList();
                        };
                    }

                    @Override
                    public boolean drives(dev.driftless.manifests.config.TargetConfig target) {
                        return true;
                    }
                });

        private void repo(String order) {
            files.set(Map.of(
                    "driftless.yaml", "targets:\n  a: {host: 'unix:///run/a.sock'}\n  b: {host: 'unix:///run/b.sock'}\n"
                            + "groups:\n  both: {targets: [a, b], order: " + order + "}\n"
                            + "apps:\n  shop: {groups: [both]}\n  blog: {targets: [b]}\n",
                    "shop/compose.yaml", "services:\n  web:\n    image: busybox:1.36\n",
                    "blog/compose.yaml", "services:\n  web:\n    image: busybox:1.36\n"));
        }

        @Test
        void eachAppIsAppliedOnEveryTargetItIsPlacedOnInTheGroupsOrder() {
            repo("sequential");

            ReconcileReport report = fleet.reconcile(Trigger.POLL);

            assertThat(report.failed()).isFalse();
            assertThat(applied).containsExactly("shop@a", "blog@b", "shop@b");
            assertThat(history.entries()).extracting(entry -> entry.app() + "@" + entry.target())
                    .containsExactlyInAnyOrder("shop@a", "shop@b", "blog@b");
            assertThat(up).containsEntry("a", true).containsEntry("b", true);
        }

        @Test
        void aSequentialGroupStopsAtTheFirstTargetWhoseRolloutFails() {
            repo("sequential");
            failing.add("a");

            ReconcileReport report = fleet.reconcile(Trigger.POLL);

            assertThat(applied).containsExactly("shop@a", "blog@b");
            assertThat(history.entries()).filteredOn(entry -> entry.target().equals("b") && entry.app().equals("shop"))
                    .singleElement().satisfies(entry -> assertThat(entry.error())
                            .contains("not rolled out to target 'b'").contains("target 'a' did not take"));
            assertThat(report.outcomes()).filteredOn(outcome -> outcome.app().equals("shop")).singleElement()
                    .satisfies(outcome -> assertThat(outcome.result()).isEqualTo("failed"));
        }

        @Test
        void aParallelGroupRollsOutToEveryTargetWhateverAnotherDoes() {
            repo("parallel");
            failing.add("a");

            fleet.reconcile(Trigger.POLL);

            assertThat(applied).containsExactlyInAnyOrder("shop@a", "shop@b", "blog@b");
        }

        @Test
        void aParallelGroupsTargetsRollOutAtTheSameTime() {
            repo("parallel");
            meeting = new java.util.concurrent.CyclicBarrier(2);

            fleet.reconcile(Trigger.POLL);

            assertThat(met).containsExactlyInAnyOrder("a", "b");
        }

        @Test
        void anUnreachableTargetFailsItsAppsThereAndPrunesNothingWhileTheOthersProceed() {
            repo("parallel");
            unreachable.add("b");
            observed.put("a", ObservedTarget.of("a", List.of(running("left-the-repo",
                    Map.of(OwnershipLabels.SOURCE, "fleet"))), Map.of()));

            ReconcileReport report = fleet.reconcile(Trigger.POLL);

            assertThat(applied).containsExactlyInAnyOrder("shop@a", "left-the-repo@a");
            assertThat(up).containsEntry("a", true).containsEntry("b", false);
            assertThat(report.outcomes()).filteredOn(outcome -> outcome.app().equals("blog")).singleElement()
                    .isInstanceOfSatisfying(AppOutcome.Failed.class, failed -> assertThat(failed.error())
                            .contains("cannot observe the target 'b'").contains("connection refused"));
        }
    }

    private static ObservedContainer running(String app, Map<String, String> labels) {
        Map<String, String> all = new java.util.HashMap<>(labels);
        all.put(OwnershipLabels.APP, app);
        return new ObservedContainer(app + "-id", app + "-web-1", app, "web", 1, "hash", "rev", ContainerState.RUNNING,
                all);
    }

    private final class FakeSource implements DesiredStateSource {
        @Override
        public String repoName() {
            return "fleet";
        }

        @Override
        public String location() {
            return "memory";
        }

        @Override
        public Snapshot latest() throws SourceUnavailableException {
            if (sourceError.get() != null) {
                throw new SourceUnavailableException(sourceError.get(), null);
            }
            Map<String, String> current = files.get();
            return new Snapshot("rev-" + current.hashCode(), "test", InMemoryRepoTree.of(current));
        }
    }
}
