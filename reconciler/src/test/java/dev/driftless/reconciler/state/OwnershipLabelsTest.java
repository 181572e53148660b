package dev.driftless.reconciler.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.manifests.hash.SpecFields;
import dev.driftless.manifests.hash.SpecHash;
import dev.driftless.manifests.model.DesiredService;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which source may prune an app that left its repo: only the one that deployed it; and the field
 * fingerprints a container carries, read back as written or not at all.
 */
class OwnershipLabelsTest {

    private static final String OURS = "https://git.example/fleet.git#main:apps";
    private static final String THEIRS = "/srv/other-repo";

    @Test
    void anAppIsClaimedByTheSourceItsContainersName() {
        ObservedApp app = withContainers(OURS);

        assertThat(OwnershipLabels.deployedFrom(app, OURS, "fleet")).isTrue();
        assertThat(OwnershipLabels.deployedFrom(app, THEIRS, "other-repo")).isFalse();
    }

    @Test
    void anAppWithOnlyANetworkLeftIsClaimedOnlyByTheSourceThatLabelledIt() {
        ObservedApp app = withNetworkFrom(THEIRS);

        assertThat(OwnershipLabels.deployedFrom(app, OURS, "fleet")).isFalse();
        assertThat(OwnershipLabels.deployedFrom(app, THEIRS, "other-repo")).isTrue();
    }

    @Test
    void anAppWithOnlyAnUnlabelledNetworkLeftIsClaimedByNoSource() {
        ObservedApp app = withNetworkFrom("");

        assertThat(OwnershipLabels.deployedFrom(app, OURS, "fleet")).isFalse();
        assertThat(OwnershipLabels.deployedFrom(app, THEIRS, "other-repo")).isFalse();
    }

    @Test
    void anAppWithOnlyAVolumeLeftIsClaimedByTheSourceThatLabelledIt() {
        ObservedApp app = new ObservedApp("web", List.of(), List.of(),
                List.of(new ObservedVolume("web_data", "h", true, OURS)), Set.of(), Set.of("web_data"));

        assertThat(OwnershipLabels.deployedFrom(app, OURS, "fleet")).isTrue();
        assertThat(OwnershipLabels.deployedFrom(app, THEIRS, "other-repo")).isFalse();
    }

    @Test
    void theFieldFingerprintsReadBackAsWrittenWhateverCharactersTheNamesHold() {
        DesiredService web = new DesiredService("web", "busybox:1.36", List.of(), Map.of("A", "1"), List.of(),
                Map.of("odd,key=with%", "x", "team", "shop"));

        Map<String, String> labels = OwnershipLabels.forContainer("shop", web, 1, "r1", SpecHash.of(web));

        assertThat(labels.get(OwnershipLabels.SPEC_FIELDS)).startsWith("v1;").contains("labels.odd%2Ckey%3Dwith%25=");
        assertThat(OwnershipLabels.specFields(withLabels(labels))).isEqualTo(SpecFields.of(web));
    }

    @Test
    void aMissingForeignOrHandEditedFieldLabelReadsAsNothingKnown() {
        for (String label : List.of("", "v1;", "v2;image=0123abcd", "v1;image=0123ABCD", "v1;image",
                "v1;=0123abcd", "v1;image=0123abcd,image=0123abcd", "v1;bad%zz=0123abcd", "v1;a%2=0123abcd",
                "v1;image=0123abcd,", "garbage")) {
            assertThat(OwnershipLabels.specFields(withLabels(Map.of(OwnershipLabels.SPEC_FIELDS, label))))
                    .as(label).isEmpty();
        }
        assertThat(OwnershipLabels.specFields(withLabels(Map.of()))).isEmpty();
    }

    private static ObservedContainer withLabels(Map<String, String> labels) {
        return new ObservedContainer("id1", "shop-web-1", "shop", "web", 1, "h", "r1", ContainerState.RUNNING, labels);
    }

    private static ObservedApp withContainers(String source) {
        ObservedContainer web = new ObservedContainer("id1", "web-web-1", "web", "web", 1, "h", "rev",
                ContainerState.RUNNING, Map.of(OwnershipLabels.APP, "web", OwnershipLabels.SOURCE, source));
        return new ObservedApp("web", List.of(web), List.of("web_default"));
    }

    private static ObservedApp withNetworkFrom(String source) {
        return new ObservedApp("web", List.of(), List.of(new ObservedNetwork("web_default", "default", "h", source)),
                List.of(), Set.of("web_default"), Set.of());
    }
}
