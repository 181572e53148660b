package dev.driftless.reconciler.plan;

import dev.driftless.manifests.hash.SpecHash;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.HealthCheck;
import dev.driftless.manifests.model.RestartPolicy;
import dev.driftless.manifests.model.RuntimeOptions;
import dev.driftless.manifests.model.Attachments;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.ObservedImage;
import dev.driftless.reconciler.state.ObservedImages;
import dev.driftless.reconciler.state.OwnershipLabels;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A replacement says which fields changed, in Compose's words, and never a secret's value. */
class FieldChangesTest {

    private static final String OTHERWISE = "configuration changed in the repo (spec 1a2b3c4d5e6f -> 9f8e7d6c5b4a)";
    private static final String OLD_IMAGE_ID = "sha256:" + "1".repeat(64);

    private static DesiredService web(String image, Map<String, String> environment) {
        return new DesiredService("web", image, List.of(), environment, List.of(), Map.of());
    }

    private static DesiredService web(Map<String, String> environment) {
        return web("busybox:1.36", environment);
    }

    private static ObservedContainer runningAs(DesiredService before) {
        return new ObservedContainer("id1", "shop-web-1", "shop", "web", 1, SpecHash.of(before), "r1",
                ContainerState.RUNNING, OwnershipLabels.forContainer("shop", before, 1, "r1", SpecHash.of(before)),
                OLD_IMAGE_ID);
    }

    private static String reason(DesiredService before, DesiredService after) {
        return FieldChanges.reason(after, runningAs(before), ObservedImages.NOT_OBSERVED, OTHERWISE);
    }

    @Test
    void namesAChangedVariable() {
        assertThat(reason(web(Map.of("FOO", "1", "BAR", "x")), web(Map.of("FOO", "2", "BAR", "x"))))
                .isEqualTo("environment FOO changed");
    }

    @Test
    void namesAddedAndRemovedVariables() {
        assertThat(reason(web(Map.of("FOO", "1", "BAR", "x")), web(Map.of("FOO", "1", "BAZ", "y"))))
                .isEqualTo("environment BAZ added; environment BAR removed");
    }

    @Test
    void namesTheOldAndNewImageWhenTheEngineStillKnowsTheOldOneByItsName() {
        ObservedImages images = ObservedImages.of(List.of(
                new ObservedImage(OLD_IMAGE_ID, List.of("busybox:1.36", "busybox@sha256:" + "2".repeat(64)), Map.of()),
                new ObservedImage("sha256:" + "3".repeat(64), List.of("busybox:1.37"), Map.of())));

        String reason = FieldChanges.reason(web("busybox:1.37", Map.of()), runningAs(web(Map.of())), images, OTHERWISE);

        assertThat(reason).isEqualTo("image changed (busybox:1.36 -> busybox:1.37)");
    }

    @Test
    void saysOnlyThatTheImageChangedWhenItsOldNameCannotBeTold() {
        assertThat(reason(web(Map.of()), web("busybox:1.37", Map.of()))).isEqualTo("image changed");
        ObservedImages retagged = ObservedImages.of(List.of(
                new ObservedImage(OLD_IMAGE_ID, List.of("mirror.example/busybox:stable"), Map.of())));
        assertThat(FieldChanges.reason(web("busybox:1.37", Map.of()), runningAs(web(Map.of())), retagged, OTHERWISE))
                .isEqualTo("image changed");
    }

    @Test
    void joinsSeveralFieldsInOneSentence() {
        DesiredService before = web(Map.of("FOO", "1"));
        DesiredService after = new DesiredService("web", "busybox:1.36", List.of("sleep", "1"), Map.of("FOO", "2"),
                List.of(), Map.of("team", "shop"), RuntimeOptions.builder().restart(new RestartPolicy("always", 0))
                        .healthcheck(HealthCheck.DISABLED).build(), Attachments.NONE);

        assertThat(reason(before, after))
                .isEqualTo("command, healthcheck, restart changed; environment FOO changed; label team added");
    }

    @Test
    void showsFiveNamesThenHowManyMore() {
        Map<String, String> before = new TreeMap<>();
        Map<String, String> after = new TreeMap<>();
        for (char name = 'A'; name <= 'H'; name++) {
            before.put(String.valueOf(name), "1");
            after.put(String.valueOf(name), "2");
        }

        assertThat(reason(web(before), web(after))).isEqualTo("environment A, B, C, D, E changed and 3 more");
    }

    @Test
    void fallsBackToTheSpecHashReasonWhenTheContainerCarriesNoFields() {
        DesiredService before = web(Map.of("FOO", "1"));
        Map<String, String> labels = new HashMap<>(OwnershipLabels.forContainer("shop", before, 1, "r1",
                SpecHash.of(before)));
        labels.remove(OwnershipLabels.SPEC_FIELDS);
        ObservedContainer older = new ObservedContainer("id1", "shop-web-1", "shop", "web", 1, SpecHash.of(before),
                "r1", ContainerState.RUNNING, labels);

        assertThat(FieldChanges.reason(web(Map.of("FOO", "2")), older, ObservedImages.NOT_OBSERVED, OTHERWISE))
                .isEqualTo(OTHERWISE);
    }

    @Test
    void fallsBackToTheSpecHashReasonWhenTheFieldsShowNoDifference() {
        DesiredService same = web(Map.of("FOO", "1"));

        assertThat(reason(same, same)).isEqualTo(OTHERWISE);
    }

    @Test
    void namesASecretAsASecretAndNeverShowsAValue() {
        DesiredService before = web(Map.of("DB_PASSWORD", "old-password", "PLAIN", "1"))
                .withSecretDigests(Map.of("DB_PASSWORD", "a".repeat(64)));
        DesiredService after = web(Map.of("DB_PASSWORD", "new-password", "PLAIN", "2"))
                .withSecretDigests(Map.of("DB_PASSWORD", "b".repeat(64)));

        assertThat(reason(before, after))
                .isEqualTo("environment PLAIN changed; secret DB_PASSWORD changed (values not shown)")
                .doesNotContain("password").doesNotContain("aaaa").doesNotContain("bbbb");
    }

    @Test
    void aVariableThatStopsBeingASecretIsStillNamedAsOne() {
        DesiredService before = web(Map.of("TOKEN", "s3cret")).withSecretDigests(Map.of("TOKEN", "a".repeat(64)));
        DesiredService after = web(Map.of("TOKEN", "s3cret"));

        assertThat(reason(before, after)).isEqualTo("secret TOKEN changed (values not shown)");
    }
}
