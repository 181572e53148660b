package dev.driftless.reconciler.engine;

import dev.driftless.manifests.hash.SpecHash;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.Dependency;
import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.plan.Plan;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.plan.Planner;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedApp;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.OwnershipLabels;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What an applied plan says about the containers it left, so that a reconcile lists them again only when needed. */
class AppOutcomeTest {

    private static final String APP = "shop";
    private static final String REVISION = "c0ffee";
    private static final DesiredService WEB = service("web", "hello");

    @Nested
    class TheContainerTallyIsKept {

        @Test
        void whenARunningContainerWasReplacedWithOneThatProvedHealthy() {
            Plan plan = plan(new DesiredApp(APP, List.of(service("web", "changed"))),
                    observed(container(WEB, ContainerState.RUNNING)));

            assertThat(plan.actions()).singleElement().isInstanceOf(Action.ReplaceContainer.class);
            assertThat(allDone(plan).keptContainerTally()).isTrue();
        }
    }

    @Nested
    class TheContainersAreCountedAgain {

        @Test
        void whenAContainerWasCreated() {
            Plan plan = plan(new DesiredApp(APP, List.of(WEB)), ObservedApp.empty(APP));

            assertThat(plan.actions()).anyMatch(action -> action instanceof Action.CreateContainer);
            assertThat(allDone(plan).keptContainerTally()).isFalse();
        }

        @Test
        void whenAStepFailed() {
            Plan plan = plan(new DesiredApp(APP, List.of(service("web", "changed"))),
                    observed(container(WEB, ContainerState.RUNNING)));
            AppOutcome.Applied failed = new AppOutcome.Applied(APP, plan, plan.actions().stream()
                    .map(action -> AppliedStep.failed(action, Duration.ZERO, "did not prove healthy")).toList());

            assertThat(failed.keptContainerTally()).isFalse();
        }

        @Test
        void whenTheReplacedContainerWasNotRunning() {
            Plan plan = plan(new DesiredApp(APP, List.of(service("web", "changed"))),
                    observed(container(WEB, ContainerState.EXITED)));

            assertThat(allDone(plan).keptContainerTally()).isFalse();
        }

        @Test
        void whenTheReplacedServiceIsAwaitedToCompleteAndSoExits() {
            DesiredService migrate = service("migrate", "v1");
            DesiredService web = new DesiredService(WEB.name(), WEB.image(), WEB.command(), WEB.environment(),
                    WEB.ports(), WEB.labels(), WEB.runtime().toBuilder().dependsOn(new java.util.TreeMap<>(Map.of(
                            "migrate", new Dependency(Planner.COMPLETED_SUCCESSFULLY, false, true)))).build(),
                    WEB.attachments());
            Plan plan = plan(new DesiredApp(APP, List.of(service("migrate", "v2"), web)),
                    observed(container(migrate, ContainerState.RUNNING), container(web, ContainerState.RUNNING)));

            assertThat(plan.actions()).anyMatch(action -> action instanceof Action.ReplaceContainer replace
                    && replace.service().name().equals("migrate"));
            assertThat(allDone(plan).keptContainerTally()).isFalse();
        }
    }

    private static Plan plan(DesiredApp desired, ObservedApp observed) {
        return Planner.plan(desired, REVISION, observed, PlanPolicy.defaults());
    }

    private static AppOutcome.Applied allDone(Plan plan) {
        return new AppOutcome.Applied(APP, plan,
                plan.actions().stream().map(action -> AppliedStep.done(action, Duration.ZERO)).toList());
    }

    private static ObservedApp observed(ObservedContainer... containers) {
        return new ObservedApp(APP, List.of(containers), List.of("shop_default"));
    }

    private static ObservedContainer container(DesiredService service, ContainerState state) {
        return new ObservedContainer("id-" + service.name(), APP + "-" + service.name() + "-1", APP, service.name(), 1,
                SpecHash.of(service), REVISION, state, OwnershipLabels.forContainer(APP, service, 1, REVISION,
                SpecHash.of(service)));
    }

    private static DesiredService service(String name, String greeting) {
        return new DesiredService(name, "busybox:1.36", List.of("sleep", "3600"), Map.of("GREETING", greeting),
                List.of(), Map.of());
    }
}
