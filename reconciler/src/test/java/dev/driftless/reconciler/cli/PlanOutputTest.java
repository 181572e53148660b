package dev.driftless.reconciler.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.manifests.config.TargetConfig;
import dev.driftless.manifests.layout.InMemoryRepoTree;
import dev.driftless.manifests.model.Dependency;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.RuntimeOptions;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.engine.Snapshot;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.plan.Planner;
import dev.driftless.reconciler.state.ObservedApp;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class PlanOutputTest {

    private static final Reconciler.Preview preview = preview();

    @Test
    void theTextShowsEachWaveWithWhatItWaitsFor() {
        assertThat(PlanOutput.text(preview, false)).contains("""
                  shop:
                    wave 1: networks and volumes
                      + create-network shop_default  (network 'default' does not exist)
                    wave 2: db
                      + create shop-db-1  (new app)
                    wave 3: web, after db is healthy
                      + create shop-web-1  (new app)
                      + create shop-web-2  (new app)
                """).contains("Plan: 4 to add, 0 to change, 0 to remove.");
    }

    @Test
    void theJsonGivesEachStepItsWaveAndListsTheWaves() throws Exception {
        JsonNode app = new ObjectMapper().readTree(PlanOutput.json(preview)).get("apps").get(0);

        assertThat(app.get("actions")).extracting(step -> step.get("subject").asText() + "@" + step.get("wave").asInt())
                .containsExactly("shop_default@1", "shop-db-1@2", "shop-web-1@3", "shop-web-2@3");
        assertThat(app.get("waves")).extracting(wave -> wave.get("label").asText())
                .containsExactly("networks and volumes", "db", "web, after db is healthy");
    }

    @Test
    void aRestartForADependencyReplacedShowsAsAChangeInTheTextAndTheJson() throws Exception {
        DesiredService oldDb = new DesiredService("db", "busybox:1.36", List.of(), Map.of("V", "1"), List.of(),
                Map.of());
        DesiredService db = new DesiredService("db", "busybox:1.36", List.of(), Map.of("V", "2"), List.of(), Map.of());
        DesiredService web = new DesiredService("web", "busybox:1.36", List.of(), Map.of(), List.of(), Map.of(),
                RuntimeOptions.builder()
                        .dependsOn(new TreeMap<>(Map.of("db", new Dependency("service_started", true, true)))).build(),
                dev.driftless.manifests.model.Attachments.NONE);
        ObservedApp observed = new ObservedApp("shop", List.of(running(oldDb), running(web)), List.of("shop_default"));
        Reconciler.Preview restarting = preview(Planner.plan(new DesiredApp("shop", List.of(web, db)), "c0ffee",
                observed, PlanPolicy.defaults()));

        assertThat(PlanOutput.text(restarting, false)).contains("""
                    wave 2: web, after db started
                      ~ restart shop-web-1  (restarted because db, which it depends on with restart: true, was replaced)
                """).contains("Plan: 0 to add, 2 to change, 0 to remove.");
        JsonNode step = new ObjectMapper().readTree(PlanOutput.json(restarting)).get("apps").get(0).get("actions").get(1);
        assertThat(step.get("action").asText()).isEqualTo("restart");
        assertThat(step.get("change").asText()).isEqualTo("change");
        assertThat(step.get("subject").asText()).isEqualTo("shop-web-1");
    }

    private static dev.driftless.reconciler.state.ObservedContainer running(DesiredService service) {
        return new dev.driftless.reconciler.state.ObservedContainer("id-" + service.name(),
                "shop-" + service.name() + "-1", "shop", service.name(), 1,
                dev.driftless.manifests.hash.SpecHash.of(service), "c0ffee",
                dev.driftless.reconciler.state.ContainerState.RUNNING,
                Map.of(dev.driftless.reconciler.state.OwnershipLabels.APP, "shop"));
    }

    private static Reconciler.Preview preview(dev.driftless.reconciler.plan.Plan plan) {
        return new Reconciler.Preview(Optional.of(new Snapshot("c0ffee", "Change db", InMemoryRepoTree.of())),
                Optional.empty(), List.of(plan), Map.of(), Optional.empty(), List.of(), Map.of());
    }

    @Test
    void aPlanOnTheLocalTargetOnlyReadsAsBeforeTargetsAndItsJsonSaysLocal() throws Exception {
        Reconciler.Preview local = onTargets(TargetConfig.local());

        assertThat(PlanOutput.text(local, false)).contains("\n  shop:\n").doesNotContain("@");
        assertThat(new ObjectMapper().readTree(PlanOutput.json(local)).get("apps").get(0).get("target").asText())
                .isEqualTo("local");
    }

    @Test
    void plansOnSeveralTargetsReadTargetAfterTargetUnderAppAtTarget() throws Exception {
        TargetConfig edge = new TargetConfig("edge", URI.create("tcp://edge.example:2376"), Optional.empty());
        Reconciler.Preview both = onTargets(TargetConfig.local(), edge);

        String text = PlanOutput.text(both, false);
        assertThat(text).contains("  shop@local:\n    wave 1", "  shop@edge:\n    wave 1")
                .contains("Plan: 8 to add, 0 to change, 0 to remove.");
        assertThat(text.indexOf("shop@local")).isLessThan(text.indexOf("shop@edge"));
        assertThat(new ObjectMapper().readTree(PlanOutput.json(both)).get("apps"))
                .extracting(app -> app.get("app").asText() + "@" + app.get("target").asText())
                .containsExactly("shop@local", "shop@edge");
    }

    @Test
    void aPlanOnOneTargetOtherThanTheLocalOneNamesIt() {
        TargetConfig edge = new TargetConfig("edge", URI.create("tcp://edge.example:2376"), Optional.empty());

        assertThat(PlanOutput.text(onTargets(edge), false)).contains("  shop@edge:\n");
    }

    /** The same plan of the shop, made on each of {@code targets}. */
    private static Reconciler.Preview onTargets(TargetConfig... targets) {
        List<Reconciler.TargetPreview> parts = java.util.Arrays.stream(targets)
                .map(target -> new Reconciler.TargetPreview(target, Optional.empty(), preview.plans(), Map.of(),
                        Map.of()))
                .toList();
        return new Reconciler.Preview(preview.snapshot(), Optional.empty(),
                parts.stream().flatMap(part -> part.plans().stream()).toList(), Map.of(), Optional.empty(), parts,
                Map.of());
    }

    private static Reconciler.Preview preview() {
        DesiredService db = new DesiredService("db", "busybox:1.36", List.of(), Map.of(), List.of(), Map.of());
        DesiredService web = new DesiredService("web", "busybox:1.36", List.of(), Map.of(), List.of(), Map.of(),
                RuntimeOptions.builder().replicas(2)
                        .dependsOn(new TreeMap<>(Map.of("db", new Dependency("service_healthy", false, true)))).build(),
                dev.driftless.manifests.model.Attachments.NONE);
        var plan = Planner.plan(new DesiredApp("shop", List.of(web, db)), "c0ffee", ObservedApp.empty("shop"),
                PlanPolicy.defaults());
        return new Reconciler.Preview(Optional.of(new Snapshot("c0ffee", "Add the shop", InMemoryRepoTree.of())),
                Optional.empty(), List.of(plan), Map.of(), Optional.empty(), List.of(), Map.of());
    }
}
