package dev.driftless.reconciler.docker;

import dev.driftless.manifests.hash.SpecHash;
import dev.driftless.manifests.model.Dependency;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.reconciler.docker.HealthGate.Look;
import dev.driftless.reconciler.engine.AppliedStep;
import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.plan.Plan;
import dev.driftless.reconciler.plan.Wave;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.OwnershipLabels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dependency the plan does not touch is checked, once, against its condition before a
 * dependent's step: the verdicts from looks at its containers, and which steps they hold back.
 */
class UntouchedDependenciesTest {

    private static final String STARTED = "2026-01-01T00:00:00Z";
    private static final Look HEALTHY = look(true, "running", null, Optional.of("healthy"), "");
    private static final Look UNHEALTHY = look(true, "running", null, Optional.of("unhealthy"), "connection refused");
    private static final Look STARTING = look(true, "running", null, Optional.of("starting"), "");
    private static final Look PLAIN = look(true, "running", null, Optional.empty(), "");
    private static final Look EXITED = look(false, "exited", 137L, Optional.empty(), "");
    private static final Look DONE = look(false, "exited", 0L, Optional.empty(), "");

    @Test
    void healthyAndRunningWithoutAHealthCheckMeetServiceHealthy() {
        assertThat(UntouchedDependencies.unmet("service_healthy", Map.of("shop-db-1", HEALTHY, "shop-db-2", PLAIN)))
                .isEmpty();
    }

    @Test
    void anUnhealthyOrExitedContainerIsNamedWithItsState() {
        assertThat(UntouchedDependencies.unmet("service_healthy", Map.of("shop-db-1", UNHEALTHY))).contains(
                "is not healthy: shop-db-1 is running, its health check reports unhealthy (last probe: connection "
                        + "refused)");
        assertThat(UntouchedDependencies.unmet("service_healthy", Map.of("shop-db-1", EXITED)))
                .contains("is not healthy: shop-db-1 is exited (exit code 137)");
    }

    @Test
    void serviceCompletedSuccessfullyWantsAnExitWithCodeZero() {
        assertThat(UntouchedDependencies.unmet("service_completed_successfully", Map.of("shop-migrate-1", DONE)))
                .isEmpty();
        assertThat(UntouchedDependencies.unmet("service_completed_successfully", Map.of("shop-migrate-1", PLAIN)))
                .contains("has not completed successfully: shop-migrate-1 is still running");
        assertThat(UntouchedDependencies.unmet("service_completed_successfully", Map.of("shop-migrate-1", EXITED)))
                .contains("has not completed successfully: shop-migrate-1 is exited (exit code 137)");
    }

    @Test
    void aDependencyWithNoContainerIsNotMet() {
        assertThat(UntouchedDependencies.unmet("service_healthy", Map.of())).contains("has no container");
    }

    @Test
    void refusesTheDependentsStepsLookingAtEachUntouchedDependencyOnce() {
        DesiredService web = service("web");
        Action replaceWeb = new Action.ReplaceContainer(container("web", "old"), web, SpecHash.of(web), "changed");
        Action createWeb2 = new Action.CreateContainer("shop", web, 2, SpecHash.of(web), "scaled up");
        Plan plan = Plan.inWaves("shop", "rev", List.of(new Wave("web", List.of(replaceWeb, createWeb2))), List.of(),
                Map.of("web", Map.of("db", new Dependency("service_healthy", false, true),
                        "cache", Dependency.STARTED)));
        List<String> looked = new ArrayList<>();
        UntouchedDependencies untouched = new UntouchedDependencies(plan, service -> {
            looked.add(service);
            return Map.of("shop-" + service + "-1", UNHEALTHY);
        });

        Optional<AppliedStep> first = untouched.refuse(replaceWeb);
        Optional<AppliedStep> second = untouched.refuse(createWeb2);

        assertThat(first).hasValueSatisfying(step -> {
            assertThat(step.status()).isEqualTo(AppliedStep.Status.FAILED);
            assertThat(step.error().orElseThrow()).isEqualTo("not started: service 'web' depends on 'db' "
                    + "(service_healthy), which this rollout does not change and which is not healthy: shop-db-1 is "
                    + "running, its health check reports unhealthy (last probe: connection refused)");
        });
        assertThat(second).isPresent();
        assertThat(looked).as("db once; cache is service_started, not checked").containsExactly("db");
    }

    @Test
    void anEngineThatFailsWhileLookingFailsTheDependentsStepsInsteadOfTheRollout() {
        DesiredService web = service("web");
        Action replaceWeb = new Action.ReplaceContainer(container("web", "old"), web, SpecHash.of(web), "changed");
        Plan plan = Plan.inWaves("shop", "rev", List.of(new Wave("web", List.of(replaceWeb))), List.of(),
                Map.of("web", Map.of("db", new Dependency("service_healthy", false, true))));
        UntouchedDependencies untouched = new UntouchedDependencies(plan, service -> {
            throw new DockerEngineException("Cannot connect to the Docker daemon", new java.io.IOException("gone"));
        });

        assertThat(untouched.refuse(replaceWeb)).hasValueSatisfying(step -> {
            assertThat(step.status()).isEqualTo(AppliedStep.Status.FAILED);
            assertThat(step.error().orElseThrow()).startsWith("not started: service 'web' depends on 'db' "
                    + "(service_healthy), which this rollout does not change and which could not be looked at: ");
        });
    }

    @Test
    void onlyAContainerOnItsWayToTheConditionIsSettling() {
        assertThat(UntouchedDependencies.settling("service_healthy", Map.of("shop-db-1", STARTING))).isTrue();
        assertThat(UntouchedDependencies.settling("service_healthy", Map.of("shop-db-1", STARTING, "shop-db-2",
                HEALTHY))).isTrue();
        assertThat(UntouchedDependencies.settling("service_healthy", Map.of("shop-db-1", STARTING, "shop-db-2",
                UNHEALTHY))).isFalse();
        assertThat(UntouchedDependencies.settling("service_healthy", Map.of("shop-db-1", EXITED))).isFalse();
        assertThat(UntouchedDependencies.settling("service_healthy", Map.of("shop-db-1", HEALTHY))).isFalse();
        assertThat(UntouchedDependencies.settling("service_completed_successfully", Map.of("shop-migrate-1", PLAIN)))
                .isTrue();
        assertThat(UntouchedDependencies.settling("service_completed_successfully", Map.of("shop-migrate-1",
                EXITED))).isFalse();
        assertThat(UntouchedDependencies.settling("service_healthy", Map.of())).isFalse();
    }

    @Test
    void aDependencyWhoseHealthCheckIsStillStartingIsWaitedForAsComposeWaits() {
        Action replaceWeb = replaceWeb();
        Plan plan = webNeedingAHealthyDb(replaceWeb);
        java.util.Iterator<Look> looks = List.of(STARTING, STARTING, HEALTHY).iterator();
        List<java.time.Duration> slept = new ArrayList<>();
        UntouchedDependencies untouched = new UntouchedDependencies(plan,
                service -> Map.of("shop-db-1", looks.next()), java.time.Duration.ofMinutes(2),
                java.time.Duration.ofMillis(500), slept::add);

        assertThat(untouched.refuse(replaceWeb)).isEmpty();
        assertThat(slept).containsExactly(java.time.Duration.ofMillis(500), java.time.Duration.ofMillis(500));
    }

    @Test
    void aDependencyStillStartingWhenPatienceRunsOutHoldsTheDependentBack() {
        Action replaceWeb = replaceWeb();
        Plan plan = webNeedingAHealthyDb(replaceWeb);
        UntouchedDependencies untouched = new UntouchedDependencies(plan, service -> Map.of("shop-db-1", STARTING),
                java.time.Duration.ZERO, java.time.Duration.ofMillis(500), duration -> {
                    throw new AssertionError("no patience, no wait");
                });

        assertThat(untouched.refuse(replaceWeb)).hasValueSatisfying(step -> assertThat(step.error().orElseThrow())
                .endsWith("is not healthy: shop-db-1 is running, its health check reports starting"));
    }

    @Test
    void aDependencyThePlanChangesIsLeftToItsOwnWave() {
        DesiredService web = service("web");
        DesiredService db = service("db");
        Action replaceDb = new Action.ReplaceContainer(container("db", "old"), db, SpecHash.of(db), "changed");
        Action replaceWeb = new Action.ReplaceContainer(container("web", "old"), web, SpecHash.of(web), "changed");
        Plan plan = Plan.inWaves("shop", "rev", List.of(new Wave("db", List.of(replaceDb)),
                new Wave("web", List.of(replaceWeb))), List.of(),
                Map.of("web", Map.of("db", new Dependency("service_healthy", false, true))));
        UntouchedDependencies untouched = new UntouchedDependencies(plan, service -> {
            throw new AssertionError("looked at " + service);
        });

        assertThat(untouched.refuse(replaceWeb)).isEmpty();
        assertThat(untouched.refuse(replaceDb)).isEmpty();
    }

    private static Action replaceWeb() {
        DesiredService web = service("web");
        return new Action.ReplaceContainer(container("web", "old"), web, SpecHash.of(web), "changed");
    }

    /** A plan that replaces web alone, web depending on db with service_healthy. */
    private static Plan webNeedingAHealthyDb(Action replaceWeb) {
        return Plan.inWaves("shop", "rev", List.of(new Wave("web", List.of(replaceWeb))), List.of(),
                Map.of("web", Map.of("db", new Dependency("service_healthy", false, true))));
    }

    private static Look look(boolean running, String status, Long exitCode, Optional<String> health, String probe) {
        return new Look(running, false, status, exitCode, STARTED, 0, health, probe);
    }

    private static DesiredService service(String name) {
        return new DesiredService(name, "busybox:1.36", List.of(), Map.of(), List.of(), Map.of());
    }

    private static ObservedContainer container(String service, String hash) {
        return new ObservedContainer("id-" + service, "shop-" + service + "-1", "shop", service, 1, hash, "rev",
                ContainerState.RUNNING, Map.of(OwnershipLabels.APP, "shop"));
    }
}
