package dev.driftless.reconciler.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedTarget;
import dev.driftless.reconciler.state.OwnershipLabels;
import dev.driftless.reconciler.testing.SharedEngine;
import dev.driftless.reconciler.testing.TestEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An observation is reused only while the engine's event stream vouches for it: on the real engine,
 * a container stopped by hand makes the next observe list again and see it. Other tests may be
 * using the engine at the same time, so "quiet" is awaited rather than assumed.
 */
class FollowedObservationsIT {

    @RegisterExtension
    static final SharedEngine ENGINE = new SharedEngine();

    private final AtomicInteger lists = new AtomicInteger();
    private final AtomicLong now = new AtomicLong();
    private DockerClient docker;
    private FollowedObservations followed;
    private String app;

    @BeforeEach
    void follow() {
        docker = ENGINE.docker();
        app = TestEngine.uniqueApp("followed");
        followed = new FollowedObservations(ENGINE.engine(), Duration.ofMinutes(10), now::get);
    }

    @AfterEach
    void stop() {
        followed.close();
    }

    @Test
    void aQuietEngineIsListedOnceAndAContainerStoppedByHandIsSeenAtTheNextObserve() {
        String web = docker.createContainerCmd("busybox:1.36").withName(app + "-web-1")
                .withCmd(List.of("sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"))
                .withLabels(Map.of(OwnershipLabels.APP, app, OwnershipLabels.SERVICE, "web")).exec().getId();
        docker.startContainerCmd(web).exec();
        awaitReuse();

        docker.stopContainerCmd(web).withTimeout(5).exec();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(state(observe(), web))
                .isEqualTo(ContainerState.EXITED));
    }

    @Test
    void anObservationOlderThanTheResyncPeriodIsListedAgainThoughNothingHappened() {
        awaitReuse();
        int before = lists.get();

        now.addAndGet(Duration.ofMinutes(11).toNanos());
        observe();

        assertThat(lists.get()).isEqualTo(before + 1);
    }

    @Test
    void aChangeDriftlessMakesIsSeenByTheNextObserveWithoutWaitingForItsEvents() {
        awaitReuse();
        int before = lists.get();

        followed.invalidate();
        observe();

        assertThat(lists.get()).isEqualTo(before + 1);
    }

    @Test
    void afterTheStreamIsClosedEveryObserveLists() {
        awaitReuse();
        followed.close();
        int before = lists.get();

        observe();
        observe();

        assertThat(followed.following()).isFalse();
        assertThat(lists.get()).isEqualTo(before + 2);
    }

    /** Waits until two observes in a row make one list: the stream is up and the engine quiet. */
    private void awaitReuse() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            observe();
            int listed = lists.get();
            observe();
            return lists.get() == listed;
        });
    }

    private ObservedTarget observe() {
        return followed.observe(engine -> {
            lists.incrementAndGet();
            return DockerObserver.observe(engine);
        });
    }

    private static ContainerState state(ObservedTarget observed, String id) {
        return observed.apps().values().stream().flatMap(app -> app.containers().stream())
                .filter(container -> container.id().equals(id)).findFirst().orElseThrow().state();
    }
}
