package dev.driftless.reconciler.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerEventsTest {

    @Test
    void theStopsRenamesAndRemovalsOfARolloutAreItsOwnNotDrift() {
        assertThat(ContainerEvents.ownRolloutStep(Map.of("name", "shop-web-1-driftless-old",
                "oldName", "/shop-web-1"))).isTrue();
        assertThat(ContainerEvents.ownRolloutStep(Map.of("name", "shop-web-1",
                "oldName", "/shop-web-1-driftless-next"))).isTrue();
        assertThat(ContainerEvents.ownRolloutStep(Map.of("name", "shop-web-1-driftless-old"))).isTrue();
    }

    @Test
    void aStopOrRenameByHandIsDrift() {
        assertThat(ContainerEvents.ownRolloutStep(Map.of("name", "shop-web-1"))).isFalse();
        assertThat(ContainerEvents.ownRolloutStep(Map.of("name", "renamed-by-hand", "oldName", "/shop-web-1")))
                .isFalse();
    }
}
