package dev.driftless.reconciler.docker;

import dev.driftless.manifests.hash.SpecHash;
import dev.driftless.manifests.model.Dependency;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.RuntimeOptions;
import dev.driftless.manifests.model.UpdateConfig;
import dev.driftless.reconciler.engine.AppliedStep;
import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.plan.Plan;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.plan.Planner;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedApp;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.OwnershipLabels;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceUpdatesTest {

    private static final String APP = "shop";

    @Test
    void theStepsOfAServiceWhoseDependencyFailedFailNamingItEvenThroughAnotherService() {
        DesiredService db = service("db", "2", 1, UpdateConfig.DEFAULT, Map.of());
        DesiredService api = service("api", "2", 1, UpdateConfig.DEFAULT,
                Map.of("db", new Dependency("service_healthy", false, true)));
        DesiredService web = service("web", "2", 1, UpdateConfig.DEFAULT, Map.of("api", Dependency.STARTED));
        Plan plan = plan(List.of(db, api, web), running(db, 1), running(api, 1), running(web, 1));
        ServiceUpdates updates = new ServiceUpdates(plan);

        updates.afterWave(List.of(AppliedStep.failed(step(plan, "shop-db-1"), Duration.ZERO,
                "replace shop-db-1 failed: shop-db-1 did not prove healthy\nlast log lines")));

        assertThat(updates.notToRun(step(plan, "shop-api-1"))).hasValueSatisfying(step -> {
            assertThat(step.status()).isEqualTo(AppliedStep.Status.FAILED);
            assertThat(step.error()).hasValue("not started: service 'api' depends on 'db' (service_healthy), which "
                    + "failed: replace shop-db-1 failed: shop-db-1 did not prove healthy");
        });
        assertThat(updates.notToRun(step(plan, "shop-web-1"))).hasValueSatisfying(step ->
                assertThat(step.error().orElseThrow()).startsWith("not started: service 'web' depends on 'api'"));
    }

    @Test
    void aFailureStopsTheRolloutUnlessTheServiceSaysContinueAndNoRemovalRunsAfterAnyFailure() {
        for (String action : List.of("rollback", "pause", "continue")) {
            DesiredService web = service("web", "2", 2, update(1, action), Map.of());
            DesiredService worker = service("worker", "2", 1, UpdateConfig.DEFAULT, Map.of());
            Plan plan = plan(List.of(web, worker), running(web, 1), running(web, 2), running(worker, 1),
                    running(web, 3));
            ServiceUpdates updates = new ServiceUpdates(plan);

            updates.afterWave(List.of(AppliedStep.failed(step(plan, "shop-web-1"), Duration.ZERO, "unhealthy"),
                    AppliedStep.done(step(plan, "shop-worker-1"), Duration.ZERO)));

            assertThat(updates.notToRun(step(plan, "shop-web-2")).isPresent()).as(action)
                    .isEqualTo(!action.equals("continue"));
            assertThat(updates.notToRun(step(plan, "shop-web-3"))).as(action + ": the scale-down")
                    .hasValueSatisfying(step -> assertThat(step.status()).isEqualTo(AppliedStep.Status.SKIPPED));
        }
    }

    @Test
    void onlyARollbackOfSeveralReplicasKeepsTheOldContainersAside() {
        DesiredService three = service("web", "2", 3, UpdateConfig.DEFAULT, Map.of());
        DesiredService one = service("web", "2", 1, UpdateConfig.DEFAULT, Map.of());
        DesiredService paused = service("web", "2", 3, update(1, "pause"), Map.of());

        assertThat(keepsOld(three, 3)).isTrue();
        assertThat(keepsOld(one, 1)).isFalse();
        assertThat(keepsOld(paused, 3)).isFalse();
    }

    @Test
    void heldReplacementsAreReleasedOnceTheLastBatchIsDoneAndRolledBackWhenAReplicaFails() {
        DesiredService web = service("web", "2", 2, UpdateConfig.DEFAULT, Map.of());
        Plan plan = plan(List.of(web), running(web, 1), running(web, 2));

        ServiceUpdates complete = new ServiceUpdates(plan);
        ServiceUpdates.Held first = held(complete, plan, "shop-web-1");
        assertThat(complete.afterWave(List.of(AppliedStep.done(first.action(), Duration.ZERO))).release()).isEmpty();
        ServiceUpdates.Held second = held(complete, plan, "shop-web-2");
        assertThat(complete.afterWave(List.of(AppliedStep.done(second.action(), Duration.ZERO))).release())
                .containsExactly(first, second);

        ServiceUpdates failing = new ServiceUpdates(plan);
        ServiceUpdates.Held kept = held(failing, plan, "shop-web-1");
        failing.afterWave(List.of(AppliedStep.done(kept.action(), Duration.ZERO)));
        ServiceUpdates.Settled settled = failing.afterWave(List.of(AppliedStep.failed(step(plan, "shop-web-2"),
                Duration.ZERO, "shop-web-2 did not prove healthy")));
        assertThat(settled.release()).isEmpty();
        assertThat(settled.rollBack()).containsOnlyKeys(kept);
        assertThat(settled.rollBack().get(kept)).isEqualTo("rolled back with the rest of 'web' (failure_action: "
                + "rollback), because shop-web-2 did not prove healthy");
    }

    @Test
    void aServiceOthersWaitOnToCompleteRunsUntilItExits() {
        DesiredService migrate = service("migrate", "2", 1, UpdateConfig.DEFAULT, Map.of());
        DesiredService web = service("web", "2", 1, UpdateConfig.DEFAULT,
                Map.of("migrate", new Dependency(Planner.COMPLETED_SUCCESSFULLY, false, true)));
        Plan plan = plan(List.of(migrate, web), running(migrate, 1), running(web, 1));
        ServiceUpdates updates = new ServiceUpdates(plan);

        assertThat(updates.untilExit(step(plan, "shop-migrate-1"))).isTrue();
        assertThat(updates.untilExit(step(plan, "shop-web-1"))).isFalse();
    }

    private static boolean keepsOld(DesiredService service, int replicas) {
        List<ObservedContainer> observed = new ArrayList<>();
        for (int number = 1; number <= replicas; number++) {
            observed.add(running(service, number));
        }
        Plan plan = plan(List.of(service), observed.toArray(ObservedContainer[]::new));
        return new ServiceUpdates(plan).keepsOld((Action.ReplaceContainer) step(plan, "shop-web-1"));
    }

    private static ServiceUpdates.Held held(ServiceUpdates updates, Plan plan, String subject) {
        ServiceUpdates.Held held = new ServiceUpdates.Held(plan.actions().indexOf(step(plan, subject)),
                (Action.ReplaceContainer) step(plan, subject), "new-" + subject, Duration.ZERO);
        updates.hold(held);
        return held;
    }

    private static Plan plan(List<DesiredService> services, ObservedContainer... observed) {
        return Planner.plan(new DesiredApp(APP, services), "c0ffee",
                new ObservedApp(APP, List.of(observed), List.of("shop_default")), PlanPolicy.defaults());
    }

    private static Action step(Plan plan, String subject) {
        return plan.actions().stream().filter(action -> action.subject().equals(subject)).findFirst().orElseThrow();
    }

    private static UpdateConfig update(int parallelism, String failureAction) {
        return new UpdateConfig(parallelism, Duration.ZERO, failureAction, Duration.ZERO, "stop-first");
    }

    /** Version {@code version} of a service; containers observed "running" are of version 1. */
    private static DesiredService service(String name, String version, int replicas, UpdateConfig update,
            Map<String, Dependency> dependsOn) {
        return new DesiredService(name, "busybox:1.36", List.of("sleep", "3600"), Map.of("V", version), List.of(),
                Map.of(), RuntimeOptions.builder().replicas(replicas).updateConfig(update)
                        .dependsOn(new java.util.TreeMap<>(dependsOn)).build(),
                dev.driftless.manifests.model.Attachments.NONE);
    }

    private static ObservedContainer running(DesiredService service, int number) {
        DesiredService old = new DesiredService(service.name(), service.image(), service.command(), Map.of("V", "1"),
                List.of(), Map.of());
        return new ObservedContainer("id-" + service.name() + "-" + number, APP + "-" + service.name() + "-" + number,
                APP, service.name(), number, SpecHash.of(old), "c0ffee", ContainerState.RUNNING,
                OwnershipLabels.forContainer(APP, old, number, "c0ffee", SpecHash.of(old)));
    }
}
