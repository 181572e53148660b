package dev.driftless.reconciler.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Event;
import dev.driftless.reconciler.state.OwnershipLabels;
import dev.driftless.reconciler.testing.TestEngine;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kept observation and the drift check share one event stream per engine: on the real engine,
 * every subscriber hears the same events, one leaving does not end the stream for the others, and
 * closing the engine ends every subscription. Each test has an engine client of its own, so no
 * other test's subscription shares its stream.
 */
class EngineEventsIT {

    private final String app = TestEngine.uniqueApp("events");
    private final List<String> networks = new CopyOnWriteArrayList<>();
    private DockerEngine engine;

    @BeforeEach
    void connect() {
        engine = TestEngine.connect();
    }

    @AfterEach
    void cleanUp() {
        networks.forEach(id -> engine.client().removeNetworkCmd(id).exec());
        engine.close();
    }

    @Test
    void everySubscriberHearsTheSameEventsAndOneLeavingDoesNotEndTheStreamForTheOthers() throws IOException {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        Closeable firstSubscription = engine.events().subscribe(first);
        engine.events().subscribe(second);
        await().atMost(Duration.ofSeconds(10)).until(() -> first.started.get() && second.started.get());

        createNetwork(app + "-a");
        await().atMost(Duration.ofSeconds(10)).until(() -> first.heard(app + "-a") && second.heard(app + "-a"));

        firstSubscription.close();
        createNetwork(app + "-b");

        await().atMost(Duration.ofSeconds(10)).until(() -> second.heard(app + "-b"));
        assertThat(first.heard(app + "-b")).isFalse();
        assertThat(first.ended.get()).as("leaving is not the stream ending").isFalse();
        assertThat(second.ended.get()).isFalse();
    }

    @Test
    void aSubscriberJoiningAStreamAlreadyUpIsToldAtOnce() {
        Recorder first = new Recorder();
        engine.events().subscribe(first);
        await().atMost(Duration.ofSeconds(10)).untilTrue(first.started);

        Recorder late = new Recorder();
        engine.events().subscribe(late);

        assertThat(late.started).isTrue();
    }

    @Test
    void closingTheEngineEndsEverySubscriptionAndRefusesNewOnes() {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        engine.events().subscribe(first);
        engine.events().subscribe(second);
        await().atMost(Duration.ofSeconds(10)).untilTrue(second.started);
        DockerEngine closed = engine;
        engine = TestEngine.connect();

        closed.close();

        assertThat(first.ended).isTrue();
        assertThat(second.ended).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> closed.events().subscribe(new Recorder()))
                .hasMessageContaining("no longer followed");
    }

    private void createNetwork(String name) {
        networks.add(engine.client().createNetworkCmd().withName(name).withDriver("bridge")
                .withLabels(Map.of(OwnershipLabels.APP, app)).exec().getId());
    }

    private static final class Recorder implements EngineEvents.Listener {
        final AtomicBoolean started = new AtomicBoolean();
        final AtomicBoolean ended = new AtomicBoolean();
        final List<Event> events = new CopyOnWriteArrayList<>();

        @Override
        public void started() {
            started.set(true);
        }

        @Override
        public void event(Event event) {
            events.add(event);
        }

        @Override
        public void ended() {
            ended.set(true);
        }

        boolean heard(String network) {
            return events.stream().anyMatch(event -> "create".equals(event.getAction()) && event.getActor() != null
                    && network.equals(event.getActor().getAttributes().get("name")));
        }
    }
}
