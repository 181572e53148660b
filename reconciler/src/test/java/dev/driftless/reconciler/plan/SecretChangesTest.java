package dev.driftless.reconciler.plan;

import dev.driftless.manifests.hash.SpecHash;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedApp;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.OwnershipLabels;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A plan names the secrets that changed, never their values. */
class SecretChangesTest {

    private static final String OLD = "a".repeat(64);
    private static final String NEW = "b".repeat(64);

    @Test
    void saysWhichSecretChangedWhenNothingElseDid() {
        DesiredService before = web("old-password", "1", OLD);
        DesiredService after = web("new-password", "1", NEW);

        String reason = reasonToReplace(before, after);

        assertThat(reason).isEqualTo("secret DB_PASSWORD changed (values not shown)")
                .doesNotContain("password");
    }

    @Test
    void saysWhatElseChangedAndWhichSecretAlsoDid() {
        String reason = reasonToReplace(web("old-password", "1", OLD), web("new-password", "2", NEW));

        assertThat(reason).isEqualTo("environment PLAIN changed; secret DB_PASSWORD changed (values not shown)")
                .doesNotContain("password");
    }

    @Test
    void aContainerMadeBeforeFieldsWereLabelledGetsTheSpecHashReasonAndItsSecrets() {
        DesiredService before = web("old-password", "1", OLD);
        Map<String, String> labels = new java.util.HashMap<>(
                OwnershipLabels.forContainer("shop", before, 1, "r1", SpecHash.of(before)));
        labels.remove(OwnershipLabels.SPEC_FIELDS);

        String reason = reasonToReplace(before, labels, web("new-password", "2", NEW));

        assertThat(reason).startsWith("configuration changed in the repo (spec ")
                .endsWith("; secret DB_PASSWORD changed (values not shown)")
                .doesNotContain("password");
    }

    @Test
    void aServiceWithoutSecretsCarriesNoDigestLabelAndNamesTheVariable() {
        DesiredService before = new DesiredService("web", "busybox:1.36", List.of(), Map.of("A", "1"), List.of(),
                Map.of());
        DesiredService after = new DesiredService("web", "busybox:1.36", List.of(), Map.of("A", "2"), List.of(),
                Map.of());

        assertThat(OwnershipLabels.forContainer("shop", before, 1, "r1", SpecHash.of(before)))
                .doesNotContainKey(OwnershipLabels.SECRET_DIGESTS);
        assertThat(reasonToReplace(before, after)).isEqualTo("environment A changed");
    }

    private static String reasonToReplace(DesiredService before, DesiredService after) {
        return reasonToReplace(before, OwnershipLabels.forContainer("shop", before, 1, "r1", SpecHash.of(before)),
                after);
    }

    private static String reasonToReplace(DesiredService before, Map<String, String> labels, DesiredService after) {
        ObservedContainer running = new ObservedContainer("id1", "shop-web-1", "shop", "web", 1, SpecHash.of(before),
                "r1", ContainerState.RUNNING, labels);
        Plan plan = Planner.plan(new DesiredApp("shop", List.of(after)), "r2",
                new ObservedApp("shop", List.of(running), List.of()), PlanPolicy.defaults());
        return plan.actions().stream().filter(action -> action instanceof Action.ReplaceContainer)
                .findFirst().orElseThrow().reason();
    }

    private static DesiredService web(String password, String plain, String digest) {
        return new DesiredService("web", "busybox:1.36", List.of(), Map.of("DB_PASSWORD", password, "PLAIN", plain),
                List.of(), Map.of()).withSecretDigests(Map.of("DB_PASSWORD", digest));
    }
}
