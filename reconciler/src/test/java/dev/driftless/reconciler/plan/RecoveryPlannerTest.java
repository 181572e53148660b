package dev.driftless.reconciler.plan;

import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedApp;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.OwnershipLabels;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What recovery does with the leftovers of an interrupted rollout, from what is observed alone. */
class RecoveryPlannerTest {

    private static final String APP = "shop";

    @Test
    void putsBackAContainerLeftAsideAndRemovesTheUnprovenOneHoldingItsName() {
        ObservedContainer aside = container("shop-web-1-driftless-old", "old", ContainerState.EXITED);
        ObservedContainer unproven = container("shop-web-1", "new", ContainerState.RUNNING);

        Plan plan = RecoveryPlanner.plan(new ObservedApp(APP, List.of(aside, unproven), List.of()), "rev");

        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(Action.RestoreContainer.class, restore -> {
            assertThat(restore.aside()).isEqualTo(aside);
            assertThat(restore.unproven()).contains(unproven);
            assertThat(restore.subject()).isEqualTo("shop-web-1");
        });
    }

    @Test
    void putsBackAContainerLeftAsideWhenNothingTookItsName() {
        ObservedContainer aside = container("shop-web-1-driftless-old", "old", ContainerState.EXITED);

        Plan plan = RecoveryPlanner.plan(new ObservedApp(APP, List.of(aside), List.of()), "rev");

        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(Action.RestoreContainer.class,
                restore -> assertThat(restore.unproven()).isEmpty());
    }

    @Test
    void removesANewContainerStillUnderItsTemporaryNameAfterTheRestores() {
        ObservedContainer next = container("shop-web-1-driftless-next", "new", ContainerState.RUNNING);
        ObservedContainer aside = container("shop-api-1-driftless-old", "old", ContainerState.EXITED, "api");

        Plan plan = RecoveryPlanner.plan(new ObservedApp(APP, List.of(next, aside), List.of()), "rev");

        assertThat(plan.actions()).extracting(Action::verb, Action::subject).containsExactly(
                org.assertj.core.groups.Tuple.tuple("restore", "shop-api-1"),
                org.assertj.core.groups.Tuple.tuple("remove", "shop-web-1-driftless-next"));
    }

    @Test
    void plansNothingForAnAppWithOnlyItsOwnContainers() {
        Plan plan = RecoveryPlanner.plan(new ObservedApp(APP,
                List.of(container("shop-web-1", "v1", ContainerState.RUNNING)), List.of()), "rev");

        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void redoesAnInterruptedRestartAfterTheRestoresAndBeforeTheRemovals() {
        ObservedContainer aside = container("shop-db-1-driftless-old", "old", ContainerState.EXITED, "db");
        ObservedContainer next = container("shop-api-1-driftless-next", "new", ContainerState.RUNNING, "api");
        ObservedContainer web = container("shop-web-1", "v1", ContainerState.RUNNING);

        Plan plan = RecoveryPlanner.plan(new ObservedApp(APP, List.of(aside, next, web), List.of()), "rev",
                java.util.Set.of("shop-web-1"));

        assertThat(plan.waves()).extracting(wave -> wave.actions().stream()
                .map(action -> action.verb() + " " + action.subject()).toList()).containsExactly(
                        List.of("restore shop-db-1"), List.of("restart shop-web-1"),
                        List.of("remove shop-api-1-driftless-next"));
        assertThat(plan.actions().get(1).reason()).contains("interrupted").contains("restart: true");
    }

    @Test
    void doesNotRestartAContainerThatIsGoneOrStopped() {
        ObservedContainer stopped = container("shop-web-1", "v1", ContainerState.EXITED);

        Plan plan = RecoveryPlanner.plan(new ObservedApp(APP, List.of(stopped), List.of()), "rev",
                java.util.Set.of("shop-web-1", "shop-web-2"));

        assertThat(plan.isEmpty()).isTrue();
    }

    private static ObservedContainer container(String name, String hash, ContainerState state) {
        return container(name, hash, state, "web");
    }

    private static ObservedContainer container(String name, String hash, ContainerState state, String service) {
        return new ObservedContainer("id-" + name, name, APP, service, 1, hash, "rev", state,
                Map.of(OwnershipLabels.APP, APP));
    }
}
