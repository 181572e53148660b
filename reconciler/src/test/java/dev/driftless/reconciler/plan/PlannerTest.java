package dev.driftless.reconciler.plan;

import dev.driftless.manifests.config.RolloutPolicy;
import dev.driftless.manifests.config.SyncPolicy;
import dev.driftless.manifests.hash.SpecHash;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.Dependency;
import dev.driftless.manifests.model.UpdateConfig;
import dev.driftless.manifests.model.Attachments;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.RuntimeOptions;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedApp;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.OwnershipLabels;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PlannerTest {

    private static final String APP = "shop";
    private static final String REVISION = "c0ffee";
    private static final DesiredService WEB = service("web", "hello");
    private static final DesiredService WORKER = service("worker", "steady");

    @Nested
    class ForANewApp {

        @Test
        void createsTheNetworkFirstThenOneContainerPerService() {
            Plan plan = Planner.plan(app(WEB, WORKER), REVISION, ObservedApp.empty(APP), PlanPolicy.defaults());

            assertThat(plan.actions()).extracting(Action::verb, Action::subject).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("create-network", "shop_default"),
                    org.assertj.core.groups.Tuple.tuple("create", "shop-web-1"),
                    org.assertj.core.groups.Tuple.tuple("create", "shop-worker-1"));
            assertThat(plan.actions()).allSatisfy(action -> assertThat(action.reason()).isNotBlank());
            assertThat(plan.summary()).isEqualTo("3 to add, 0 to change, 0 to remove");
        }

        @Test
        void groupsTheIndependentContainerStepsIntoOneWaveAfterTheNetwork() {
            Plan plan = Planner.plan(app(WEB, WORKER), REVISION, ObservedApp.empty(APP), PlanPolicy.defaults());

            assertThat(plan.waves()).extracting(wave -> wave.actions().stream().map(Action::subject).toList()).containsExactly(
                    List.of("shop_default"), List.of("shop-web-1", "shop-worker-1"));
        }
    }

    @Nested
    class ForARunningApp {

        @Test
        void plansNothingWhenEverythingMatches() {
            ObservedApp observed = observed(running(WEB, 1), running(WORKER, 1));

            Plan plan = Planner.plan(app(WEB, WORKER), REVISION, observed, PlanPolicy.defaults());

            assertThat(plan.isEmpty()).isTrue();
            assertThat(plan.warnings()).isEmpty();
        }

        @Test
        void replacesOnlyTheServiceWhoseSpecChanged() {
            ObservedApp observed = observed(running(WEB, 1), running(WORKER, 1));
            DesiredService changedWeb = service("web", "bonjour");

            Plan plan = Planner.plan(app(changedWeb, WORKER), REVISION, observed, PlanPolicy.defaults());

            assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(Action.ReplaceContainer.class, replace -> {
                assertThat(replace.subject()).isEqualTo("shop-web-1");
                assertThat(replace.specHash()).isEqualTo(SpecHash.of(changedWeb));
                assertThat(replace.reason()).isEqualTo("environment GREETING changed");
            });
        }

        @Test
        void keepsTheSpecHashReasonForAContainerMadeBeforeFieldsWereLabelled() {
            Map<String, String> older = new java.util.HashMap<>(labels(WEB, 1));
            older.remove(OwnershipLabels.SPEC_FIELDS);
            ObservedApp observed = observed(new ObservedContainer("id-web-1", "shop-web-1", APP, "web", 1,
                    SpecHash.of(WEB), REVISION, ContainerState.RUNNING, older));

            Plan plan = Planner.plan(app(service("web", "bonjour")), REVISION, observed, PlanPolicy.defaults());

            assertThat(plan.actions()).singleElement().extracting(Action::reason).asString()
                    .startsWith("configuration changed in the repo (spec ");
        }

        @Test
        void replacesStopFirstByDefaultAndInTheOrderThePolicySaysPerService() {
            ObservedApp observed = observed(running(WEB, 1), running(WORKER, 1));
            DesiredService changedWeb = service("web", "bonjour");
            DesiredService changedWorker = service("worker", "busy");
            PlanPolicy webStartsFirst = new PlanPolicy(true,
                    service -> service.name().equals("web") ? UpdateOrder.START_FIRST : UpdateOrder.STOP_FIRST);

            Plan byDefault = Planner.plan(app(changedWeb, changedWorker), REVISION, observed, PlanPolicy.defaults());
            Plan byPolicy = Planner.plan(app(changedWeb, changedWorker), REVISION, observed, webStartsFirst);

            assertThat(byDefault.actions()).extracting(action -> ((Action.ReplaceContainer) action).order())
                    .containsOnly(UpdateOrder.STOP_FIRST);
            assertThat(byPolicy.actions()).extracting(Action::subject, action -> ((Action.ReplaceContainer) action).order())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("shop-web-1", UpdateOrder.START_FIRST),
                            org.assertj.core.groups.Tuple.tuple("shop-worker-1", UpdateOrder.STOP_FIRST));
        }

        @Test
        void aNewRevisionThatChangesNothingInAServiceLeavesItsContainerAlone() {
            ObservedApp observed = observed(running(WEB, 1));

            Plan plan = Planner.plan(app(WEB), "a-later-commit", observed, PlanPolicy.defaults());

            assertThat(plan.isEmpty()).isTrue();
        }

        @Test
        void startsAContainerStoppedByHand() {
            ObservedApp observed = observed(container(WEB, 1, ContainerState.EXITED, SpecHash.of(WEB)));

            Plan plan = Planner.plan(app(WEB), REVISION, observed, PlanPolicy.defaults());

            assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(Action.StartContainer.class,
                    start -> assertThat(start.reason()).contains("exited").contains("stopped by hand"));
        }

        @Test
        void recreatesAContainerRemovedByHand() {
            ObservedApp observed = observed(running(WORKER, 1));

            Plan plan = Planner.plan(app(WEB, WORKER), REVISION, observed, PlanPolicy.defaults());

            assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(Action.CreateContainer.class,
                    create -> assertThat(create.reason()).contains("removed by hand"));
        }

        @Test
        void removesTheContainersOfAServiceThatLeftTheRepoAfterEverythingElse() {
            ObservedApp observed = observed(running(WORKER, 1));

            Plan plan = Planner.plan(app(WEB), REVISION, observed, PlanPolicy.defaults());

            assertThat(plan.actions()).extracting(Action::verb).containsExactly("create", "remove");
            assertThat(plan.actions().get(1).reason()).isEqualTo("service 'worker' was removed from the repo");
        }

        @Test
        void keepsTheContainersOfAServiceThatLeftTheRepoWhenPruningIsOff() {
            ObservedApp observed = observed(running(WEB, 1), running(WORKER, 1));

            Plan plan = Planner.plan(app(WEB), REVISION, observed, new PlanPolicy(false));

            assertThat(plan.isEmpty()).isTrue();
        }

        @Test
        void anAppWhoseDriftlessYamlSaysPruneFalseKeepsTheContainersOfAServiceThatLeftTheRepo() {
            ObservedApp observed = observed(running(WEB, 1), running(WORKER, 1));
            SyncPolicy noPrune = new SyncPolicy(false, true, RolloutPolicy.DEFAULT);

            Plan plan = Planner.plan(app(WEB), REVISION, observed, PlanPolicy.defaults().forApp(noPrune));
            Plan byDefault = Planner.plan(app(WEB), REVISION, observed, PlanPolicy.defaults().forApp(SyncPolicy.DEFAULT));

            assertThat(plan.isEmpty()).isTrue();
            assertThat(plan.warnings()).containsExactly(
                    "service 'worker' left the repo, but pruning is off for app 'shop': its containers are kept");
            assertThat(byDefault.actions()).extracting(Action::subject).containsExactly("shop-worker-1");
        }

        @Test
        void anAppCannotTurnOnPruningTheDaemonTurnedOff() {
            Plan plan = Planner.plan(app(WEB), REVISION, observed(running(WEB, 1), running(WORKER, 1)),
                    new PlanPolicy(false).forApp(SyncPolicy.DEFAULT));

            assertThat(plan.isEmpty()).isTrue();
        }

        @Test
        void removesReplicasAboveTheDesiredCountAndLeftoversOfAnInterruptedReplacement() {
            ObservedContainer second = running(WEB, 2);
            ObservedContainer leftover = new ObservedContainer("next", "shop-web-1-driftless-next", APP, "web", 1,
                    SpecHash.of(WEB), REVISION, ContainerState.CREATED, labels(WEB, 1));
            ObservedApp observed = observed(running(WEB, 1), second, leftover);

            Plan plan = Planner.plan(app(WEB), REVISION, observed, PlanPolicy.defaults());

            assertThat(plan.actions()).extracting(Action::subject, Action::reason).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("shop-web-1-driftless-next", "left over by an interrupted rollout"),
                    org.assertj.core.groups.Tuple.tuple("shop-web-2", "replica 2 is above the desired count of 1"));
        }
    }

    @Nested
    class NeverPrunesBlindly {

        @Test
        void aRevisionRenderingNoServicesForARunningAppPlansNothingAndSaysWhy() {
            ObservedApp observed = observed(running(WEB, 1));

            Plan plan = Planner.plan(new DesiredApp(APP, List.of()), REVISION, observed, PlanPolicy.defaults());

            assertThat(plan.isEmpty()).isTrue();
            assertThat(plan.warnings()).singleElement().asString().contains("renders no services").contains("nothing is removed");
        }

        @Test
        void anAppThatLeftTheRepoIsRemovedWithItsNetworkOnlyWhenPruningIsOn() {
            ObservedApp observed = new ObservedApp(APP, List.of(running(WEB, 1)), List.of("shop_default"));

            Plan pruned = Planner.planRemoval(observed, REVISION, PlanPolicy.defaults());
            Plan kept = Planner.planRemoval(observed, REVISION, new PlanPolicy(false));

            assertThat(pruned.actions()).extracting(Action::verb).containsExactly("remove", "remove-network");
            assertThat(kept.isEmpty()).isTrue();
            assertThat(kept.warnings()).singleElement().asString().contains("pruning is off");
        }
    }

    @Nested
    class ForAServiceWithAContainerName {

        private final DesiredService named = new DesiredService("web", "busybox:1.36", List.of(), Map.of(), List.of(),
                Map.of(), RuntimeOptions.builder().containerName("shop-frontend").build(), Attachments.NONE);

        @Test
        void createsTheContainerUnderThatName() {
            Plan plan = Planner.plan(app(named), REVISION, observed(), PlanPolicy.defaults());

            assertThat(plan.actions()).extracting(Action::subject).containsExactly("shop-frontend");
        }

        @Test
        void leavesTheNamedContainerAloneWhenItMatches() {
            ObservedContainer running = new ObservedContainer("id-1", "shop-frontend", APP, "web", 1,
                    SpecHash.of(named), REVISION, ContainerState.RUNNING, labels(named, 1));

            assertThat(Planner.plan(app(named), REVISION, observed(running), PlanPolicy.defaults()).isEmpty()).isTrue();
        }

        @Test
        void movesToTheComposeNameWhenTheContainerNameIsRemoved() {
            ObservedContainer running = new ObservedContainer("id-1", "shop-frontend", APP, "web", 1,
                    SpecHash.of(named), REVISION, ContainerState.RUNNING, labels(named, 1));
            DesiredService unnamed = new DesiredService("web", "busybox:1.36", List.of(), Map.of(), List.of(), Map.of());

            Plan plan = Planner.plan(app(unnamed), REVISION, observed(running), PlanPolicy.defaults());

            assertThat(plan.actions()).extracting(Action::verb, Action::subject).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("create", "shop-web-1"),
                    org.assertj.core.groups.Tuple.tuple("remove", "shop-frontend"));
        }
    }

    @Nested
    class ForReplicas {

        @Test
        void createsReplicasOneToNForANewApp() {
            Plan plan = Planner.plan(app(scaled(WEB, 3)), REVISION, ObservedApp.empty(APP), PlanPolicy.defaults());

            assertThat(plan.actions()).extracting(Action::verb, Action::subject).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("create-network", "shop_default"),
                    org.assertj.core.groups.Tuple.tuple("create", "shop-web-1"),
                    org.assertj.core.groups.Tuple.tuple("create", "shop-web-2"),
                    org.assertj.core.groups.Tuple.tuple("create", "shop-web-3"));
            assertThat(plan.waves()).extracting(Wave::label).containsExactly("networks and volumes", "web");
        }

        @Test
        void scalingUpCreatesOnlyTheMissingNumbersAndSaysSo() {
            DesiredService web = scaled(WEB, 3);

            Plan plan = Planner.plan(app(web), REVISION, observed(running(web, 1)), PlanPolicy.defaults());

            assertThat(plan.actions()).extracting(Action::subject, Action::reason).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("shop-web-2", "replica 2 of 3 is missing (scaled up, or removed by hand)"),
                    org.assertj.core.groups.Tuple.tuple("shop-web-3", "replica 3 of 3 is missing (scaled up, or removed by hand)"));
        }

        @Test
        void scalingDownRemovesTheHighestNumbersFirstAfterEverythingElse() {
            DesiredService web = scaled(service("web", "bonjour"), 1);
            ObservedApp observed = observed(running(WEB, 1), running(WEB, 2), running(WEB, 3));

            Plan plan = Planner.plan(app(web), REVISION, observed, PlanPolicy.defaults());

            assertThat(plan.actions()).extracting(Action::verb, Action::subject, Action::reason).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("replace", "shop-web-1", plan.actions().get(0).reason()),
                    org.assertj.core.groups.Tuple.tuple("remove", "shop-web-3", "replica 3 is above the desired count of 1"),
                    org.assertj.core.groups.Tuple.tuple("remove", "shop-web-2", "replica 2 is above the desired count of 1"));
            assertThat(plan.waves()).extracting(Wave::label).containsExactly("web", "removals");
        }

        @Test
        void scaleZeroRemovesEveryReplica() {
            Plan plan = Planner.plan(app(scaled(WEB, 0)), REVISION, observed(running(WEB, 1)), PlanPolicy.defaults());

            assertThat(plan.actions()).extracting(Action::verb, Action::reason)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("remove", "replica 1 is above the desired count of 0"));
        }
    }

    @Nested
    class ForUpdateConfig {

        private final ObservedApp three = observed(running(WEB, 1), running(WEB, 2), running(WEB, 3));

        @Test
        void replacesOneReplicaAtATimeByDefaultWithTheDelayBetweenBatches() {
            DesiredService web = updated(service("web", "bonjour"), 3, new UpdateConfig(1, Duration.ofSeconds(10),
                    "rollback", Duration.ZERO, "stop-first"));

            Plan plan = Planner.plan(app(web), REVISION, three, PlanPolicy.defaults());

            assertThat(plan.waves()).extracting(Wave::label, wave -> wave.actions().stream().map(Action::subject).toList(),
                    Wave::delay).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("web (batch 1 of 3)", List.of("shop-web-1"), Duration.ZERO),
                    org.assertj.core.groups.Tuple.tuple("web (batch 2 of 3), 10 s after the batch before",
                            List.of("shop-web-2"), Duration.ofSeconds(10)),
                    org.assertj.core.groups.Tuple.tuple("web (batch 3 of 3), 10 s after the batch before",
                            List.of("shop-web-3"), Duration.ofSeconds(10)));
        }

        @Test
        void replacesParallelismReplicasAtOnceAndAllOfThemForZero() {
            DesiredService two = updated(service("web", "bonjour"), 3, new UpdateConfig(2, Duration.ZERO, "rollback",
                    Duration.ZERO, "stop-first"));
            DesiredService all = updated(service("web", "bonjour"), 3, new UpdateConfig(0, Duration.ZERO, "rollback",
                    Duration.ZERO, "stop-first"));

            assertThat(Planner.plan(app(two), REVISION, three, PlanPolicy.defaults()).waves())
                    .extracting(wave -> wave.actions().size()).containsExactly(2, 1);
            assertThat(Planner.plan(app(all), REVISION, three, PlanPolicy.defaults()).waves())
                    .extracting(wave -> wave.actions().size()).containsExactly(3);
        }

        @Test
        void createsNewReplicasWithTheFirstBatchOfReplacements() {
            DesiredService web = updated(service("web", "bonjour"), 3, UpdateConfig.DEFAULT);

            Plan plan = Planner.plan(app(web), REVISION, observed(running(WEB, 1), running(WEB, 2)),
                    PlanPolicy.defaults());

            assertThat(plan.waves()).extracting(wave -> wave.actions().stream().map(Action::subject).toList())
                    .containsExactly(List.of("shop-web-3", "shop-web-1"), List.of("shop-web-2"));
        }

        @Test
        void theAppsRolloutOrderAppliesToEveryServiceWhoseComposeFileStatesNone() {
            DesiredService stopsFirst = updated(service("web", "bonjour"), 1, new UpdateConfig(1, Duration.ZERO,
                    "rollback", Duration.ZERO, "stop-first"));
            DesiredService unstated = service("worker", "busy");
            SyncPolicy startFirst = new SyncPolicy(true, true, new RolloutPolicy(RolloutPolicy.Order.START_FIRST,
                    Optional.of(Duration.ofSeconds(30)), Optional.of(Duration.ofSeconds(5))));

            Plan plan = Planner.plan(app(stopsFirst, unstated), REVISION, observed(running(WEB, 1), running(WORKER, 1)),
                    PlanPolicy.defaults().forApp(startFirst));

            assertThat(plan.actions()).extracting(Action::subject, action -> ((Action.ReplaceContainer) action).order())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("shop-web-1", UpdateOrder.STOP_FIRST),
                            org.assertj.core.groups.Tuple.tuple("shop-worker-1", UpdateOrder.START_FIRST));
            assertThat(plan.health()).as("the app's timing travels with its plan to the health gate")
                    .isEqualTo(new HealthTiming(Optional.of(Duration.ofSeconds(30)), Optional.of(Duration.ofSeconds(5))));
        }

        @Test
        void takesTheOrderFromTheComposeFileByDefault() {
            DesiredService web = updated(service("web", "bonjour"), 1, new UpdateConfig(1, Duration.ZERO, "rollback",
                    Duration.ZERO, "start-first"));

            Plan plan = Planner.plan(app(web, service("worker", "busy")), REVISION,
                    observed(running(WEB, 1), running(WORKER, 1)), PlanPolicy.defaults());

            assertThat(plan.actions()).extracting(Action::subject, action -> ((Action.ReplaceContainer) action).order())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("shop-web-1", UpdateOrder.START_FIRST),
                            org.assertj.core.groups.Tuple.tuple("shop-worker-1", UpdateOrder.STOP_FIRST));
        }
    }

    @Nested
    class ForDependencies {

        private final DesiredService db = service("db", "data");
        private final DesiredService migrate = service("migrate", "once");
        private final DesiredService worker = service("worker", "busy");
        private final DesiredService web = dependsOn(service("web", "hello"),
                Map.of("db", new Dependency("service_healthy", false, true),
                        "migrate", new Dependency(Planner.COMPLETED_SUCCESSFULLY, false, true)));

        @Test
        void aServiceComesInAWaveAfterEveryServiceItDependsOn() {
            Plan plan = Planner.plan(app(web, db, migrate, worker), REVISION, ObservedApp.empty(APP),
                    PlanPolicy.defaults());

            assertThat(plan.waves()).extracting(Wave::label, wave -> wave.actions().stream().map(Action::subject).toList())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("networks and volumes", List.of("shop_default")),
                            org.assertj.core.groups.Tuple.tuple("db, migrate, worker",
                                    List.of("shop-db-1", "shop-migrate-1", "shop-worker-1")),
                            org.assertj.core.groups.Tuple.tuple("web, after db is healthy, migrate completed successfully",
                                    List.of("shop-web-1")));
            assertThat(plan.awaitsCompletion("migrate")).isTrue();
            assertThat(plan.awaitsCompletion("db")).isFalse();
            assertThat(plan.dependsOn().get("web")).containsOnlyKeys("db", "migrate");
        }

        @Test
        void theWavesAreATopologicalLayeringEvenThroughAServiceThePlanDoesNotTouch() {
            DesiredService a = service("a", "1");
            DesiredService b = dependsOn(service("b", "1"), Map.of("a", Dependency.STARTED));
            DesiredService c = dependsOn(service("c", "2"), Map.of("b", Dependency.STARTED));
            DesiredService d = dependsOn(service("d", "2"), Map.of("a", Dependency.STARTED, "c", Dependency.STARTED));
            ObservedApp observed = observed(running(service("a", "0"), 1), running(b, 1), running(service("c", "1"), 1),
                    running(service("d", "1"), 1));

            Plan plan = Planner.plan(app(d, c, b, a), REVISION, observed, PlanPolicy.defaults());

            assertThat(plan.waves()).extracting(wave -> wave.actions().stream().map(Action::subject).toList())
                    .containsExactly(List.of("shop-a-1"), List.of("shop-c-1"), List.of("shop-d-1"));
            for (int wave = 0; wave < plan.waves().size(); wave++) {
                for (Action action : plan.waves().get(wave).actions()) {
                    String service = Plan.serviceOf(action).orElseThrow();
                    int at = wave;
                    plan.dependsOn().get(service).keySet().forEach(dependency -> assertThat(plan.waves()
                            .subList(at, plan.waves().size())).as(service + " after " + dependency)
                            .noneMatch(later -> later.actions().stream()
                                    .anyMatch(step -> Plan.serviceOf(step).orElseThrow().equals(dependency))));
                }
            }
        }

        @Test
        void aServiceOnAnotherServicesNetworkStackComesAfterItAsCompose() {
            DesiredService sidecar = new DesiredService("sidecar", "busybox:1.36", List.of(), Map.of(), List.of(),
                    Map.of(), RuntimeOptions.NONE, new dev.driftless.manifests.model.Attachments(
                            new dev.driftless.manifests.model.NetworkMode(
                                    dev.driftless.manifests.model.NetworkMode.Kind.SERVICE, "db"),
                            List.of(), List.of(), Map.of()));

            Plan plan = Planner.plan(app(sidecar, db), REVISION, ObservedApp.empty(APP), PlanPolicy.defaults());

            assertThat(plan.waves()).extracting(Wave::label).containsExactly("networks and volumes", "db",
                    "sidecar, after db started");
        }

        @Test
        void servicesThatDependOnNothingShareOneWave() {
            Plan plan = Planner.plan(app(db, worker, migrate), REVISION, ObservedApp.empty(APP), PlanPolicy.defaults());

            assertThat(plan.waves()).hasSize(2);
        }
    }

    @Nested
    class ForRestartTrue {

        private final DesiredService db = service("db", "v1");
        private final DesiredService newDb = service("db", "v2");
        private final DesiredService cache = service("cache", "v1");
        private final DesiredService web = dependsOn(service("web", "hello"),
                Map.of("db", new Dependency("service_healthy", true, true)));

        @Test
        void replacingADependencyRestartsTheServiceThatDependsOnItWithRestartTrueInTheNextWave() {
            DesiredService scaledWeb = scaled(web, 2);
            ObservedApp observed = observed(running(db, 1), running(scaledWeb, 1), running(scaledWeb, 2));

            Plan plan = Planner.plan(app(newDb, scaledWeb), REVISION, observed, PlanPolicy.defaults());

            assertThat(plan.waves()).extracting(Wave::label, wave -> wave.actions().stream()
                    .map(action -> action.verb() + " " + action.subject()).toList()).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("db", List.of("replace shop-db-1")),
                            org.assertj.core.groups.Tuple.tuple("web, after db is healthy",
                                    List.of("restart shop-web-1", "restart shop-web-2")));
            Action restart = plan.actions().get(1);
            assertThat(restart).isInstanceOfSatisfying(Action.RestartContainer.class, step -> {
                assertThat(step.container().id()).isEqualTo("id-web-1");
                assertThat(step.after()).containsExactly("db");
            });
            assertThat(restart.reason())
                    .isEqualTo("restarted because db, which it depends on with restart: true, was replaced");
            assertThat(restart.change()).isEqualTo(Action.Change.CHANGE);
            assertThat(plan.summary()).isEqualTo("0 to add, 3 to change, 0 to remove");
        }

        @Test
        void aDependencyWithoutRestartTrueRestartsNothing() {
            DesiredService plain = dependsOn(service("web", "hello"),
                    Map.of("db", new Dependency("service_healthy", false, true)));

            Plan plan = Planner.plan(app(newDb, plain), REVISION, observed(running(db, 1), running(plain, 1)),
                    PlanPolicy.defaults());

            assertThat(plan.actions()).extracting(Action::verb).containsExactly("replace");
        }

        @Test
        void aDependencyThePlanDoesNotReplaceRestartsNothing() {
            Plan plan = Planner.plan(app(db, web), REVISION, observed(running(db, 1), running(web, 1)),
                    PlanPolicy.defaults());

            assertThat(plan.isEmpty()).isTrue();
        }

        @Test
        void aDependentThatIsItselfReplacedIsNotAlsoRestarted() {
            DesiredService changedWeb = dependsOn(service("web", "bonjour"),
                    Map.of("db", new Dependency("service_healthy", true, true)));

            Plan plan = Planner.plan(app(newDb, changedWeb), REVISION, observed(running(db, 1), running(web, 1)),
                    PlanPolicy.defaults());

            assertThat(plan.actions()).extracting(Action::verb, Action::subject).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("replace", "shop-db-1"),
                    org.assertj.core.groups.Tuple.tuple("replace", "shop-web-1"));
        }

        @Test
        void aStoppedDependentIsStartedNotRestartedAndANewReplicaIsCreated() {
            DesiredService scaledWeb = scaled(web, 2);
            ObservedApp observed = observed(running(db, 1),
                    container(scaledWeb, 1, ContainerState.EXITED, SpecHash.of(scaledWeb)));

            Plan plan = Planner.plan(app(newDb, scaledWeb), REVISION, observed, PlanPolicy.defaults());

            assertThat(plan.actions()).extracting(Action::verb, Action::subject).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("replace", "shop-db-1"),
                    org.assertj.core.groups.Tuple.tuple("start", "shop-web-1"),
                    org.assertj.core.groups.Tuple.tuple("create", "shop-web-2"));
        }

        @Test
        void twoReplacedDependenciesMakeOneRestartNamingBoth() {
            DesiredService both = dependsOn(service("web", "hello"), Map.of(
                    "db", new Dependency("service_healthy", true, true),
                    "cache", new Dependency("service_started", true, true)));

            Plan plan = Planner.plan(app(newDb, service("cache", "v2"), both), REVISION,
                    observed(running(db, 1), running(cache, 1), running(both, 1)), PlanPolicy.defaults());

            assertThat(plan.actions()).filteredOn(action -> action.kind() == Action.Kind.RESTART).singleElement()
                    .extracting(Action::reason)
                    .isEqualTo("restarted because cache and db, which it depends on with restart: true, were replaced");
        }

        @Test
        void aRestartGoesWhenTheReplacementThatCalledForItIsDropped() {
            Plan plan = Planner.plan(app(newDb, web), REVISION, observed(running(db, 1), running(web, 1)),
                    PlanPolicy.defaults());

            Plan withoutDb = plan.mapSteps(action -> action.kind() == Action.Kind.REPLACE
                    ? java.util.Optional.empty() : java.util.Optional.of(action), plan.warnings());

            assertThat(plan.actions()).hasSize(2);
            assertThat(withoutDb.isEmpty()).as("web's restart was owed to db's replacement").isTrue();
        }

        @Test
        void anOptedOutDependentIsNotRestarted() {
            Map<String, String> labels = new java.util.HashMap<>(labels(web, 1));
            labels.put(OwnershipLabels.IGNORE, "true");
            ObservedContainer ignored = new ObservedContainer("id-web-1", "shop-web-1", APP, "web", 1,
                    SpecHash.of(web), REVISION, ContainerState.RUNNING, labels);

            Plan plan = OptOut.honour(Planner.plan(app(newDb, web), REVISION, observed(running(db, 1), ignored),
                    PlanPolicy.defaults()));

            assertThat(plan.actions()).extracting(Action::verb).containsExactly("replace");
            assertThat(plan.warnings()).singleElement().asString().contains("shop-web-1").contains("wanted: restart");
        }
    }

    private static DesiredService scaled(DesiredService service, int replicas) {
        return withRuntime(service, service.runtime().toBuilder().replicas(replicas).build());
    }

    private static DesiredService updated(DesiredService service, int replicas, UpdateConfig update) {
        return withRuntime(service, service.runtime().toBuilder().replicas(replicas).updateConfig(update).build());
    }

    private static DesiredService dependsOn(DesiredService service, Map<String, Dependency> dependencies) {
        return withRuntime(service, service.runtime().toBuilder().dependsOn(new java.util.TreeMap<>(dependencies)).build());
    }

    private static DesiredService withRuntime(DesiredService service, RuntimeOptions runtime) {
        return new DesiredService(service.name(), service.image(), service.command(), service.environment(),
                service.ports(), service.labels(), runtime, service.attachments());
    }

    private static DesiredApp app(DesiredService... services) {
        return new DesiredApp(APP, List.of(services));
    }

    private static ObservedApp observed(ObservedContainer... containers) {
        return new ObservedApp(APP, List.of(containers), List.of("shop_default"));
    }

    private static ObservedContainer running(DesiredService service, int number) {
        return container(service, number, ContainerState.RUNNING, SpecHash.of(service));
    }

    private static ObservedContainer container(DesiredService service, int number, ContainerState state, String hash) {
        return new ObservedContainer("id-" + service.name() + "-" + number, APP + "-" + service.name() + "-" + number,
                APP, service.name(), number, hash, REVISION, state, labels(service, number));
    }

    private static Map<String, String> labels(DesiredService service, int number) {
        return OwnershipLabels.forContainer(APP, service, number, REVISION, SpecHash.of(service));
    }

    private static DesiredService service(String name, String greeting) {
        return new DesiredService(name, "busybox:1.36", List.of("sleep", "3600"), Map.of("GREETING", greeting),
                List.of(), Map.of());
    }
}
