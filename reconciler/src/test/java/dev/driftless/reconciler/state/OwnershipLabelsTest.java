package dev.driftless.reconciler.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which source may prune an app that left its repo: only the one that deployed it. */
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
