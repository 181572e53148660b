package dev.driftless.reconciler.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Event;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerEventsTest {

    /**
     * Recorded from Docker 20.10's {@code docker events --format '{{json .}}'} (the API's own
     * messages): {@code docker run} of a container labelled as app {@code shop}'s, {@code docker stop},
     * {@code docker rm}, then a network connect of another container.
     */
    private static final String RECORDED = "/engine-events/stop-and-remove-by-hand.jsonl";

    @Test
    void aContainerOfOursThatDiesIsStoppedOrRemovedByHandNamesItsApp() throws IOException {
        List<Event> events = recorded();

        assertThat(events).extracting(Event::getAction)
                .containsExactly("create", "start", "kill", "kill", "die", "stop", "destroy", "connect");
        assertThat(events.stream().map(ContainerEvents::driftOf).flatMap(Optional::stream).toList())
                .as("die, stop and destroy; not create, start, kill, nor another type's event")
                .containsExactly("shop", "shop", "shop");
    }

    @Test
    void theSameEventsOfAContainerWithoutOurLabelsAreNotDrift() throws IOException {
        List<Event> events = recorded();
        events.forEach(event -> event.getActor().getAttributes().remove("dev.driftless.app"));

        assertThat(events.stream().map(ContainerEvents::driftOf).flatMap(Optional::stream)).isEmpty();
    }

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

    private static List<Event> recorded() throws IOException {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        try (InputStream in = ContainerEventsTest.class.getResourceAsStream(RECORDED)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(line -> read(json, line)).toList();
        }
    }

    private static Event read(ObjectMapper json, String line) {
        try {
            return json.readValue(line, Event.class);
        } catch (IOException e) {
            throw new IllegalStateException(line, e);
        }
    }
}
