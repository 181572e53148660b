package dev.driftless.reconciler.plan;

import dev.driftless.manifests.hash.SpecHash;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.Attachments;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.RuntimeOptions;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedApp;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.OwnershipLabels;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

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

            assertThat(plan.waves()).extracting(wave -> wave.stream().map(Action::subject).toList()).containsExactly(
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
                assertThat(replace.reason()).startsWith("configuration changed in the repo");
            });
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
