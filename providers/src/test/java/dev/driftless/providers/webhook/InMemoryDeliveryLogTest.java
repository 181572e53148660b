package dev.driftless.providers.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryDeliveryLogTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void anIdIsNewOnceAndADuplicateAfterwards() {
        InMemoryDeliveryLog log = new InMemoryDeliveryLog();

        assertThat(log.firstSeen("github", "a", T0)).isTrue();
        assertThat(log.firstSeen("github", "a", T0.plusSeconds(5))).isFalse();
    }

    @Test
    void theSameIdFromTwoProvidersIsTwoDeliveries() {
        InMemoryDeliveryLog log = new InMemoryDeliveryLog();

        assertThat(log.firstSeen("github", "a", T0)).isTrue();
        assertThat(log.firstSeen("gitea", "a", T0)).isTrue();
    }

    @Test
    void anIdIsForgottenAfterTheRetention() {
        InMemoryDeliveryLog log = new InMemoryDeliveryLog(Duration.ofHours(24), 100);
        log.firstSeen("github", "a", T0);

        assertThat(log.firstSeen("github", "a", T0.plus(Duration.ofHours(23)))).isFalse();
        assertThat(log.firstSeen("github", "a", T0.plus(Duration.ofHours(24)).plusSeconds(1))).isTrue();
    }

    @Test
    void expiredIdsAreDroppedSoMemoryFollowsTheRetention() {
        InMemoryDeliveryLog log = new InMemoryDeliveryLog(Duration.ofMinutes(1), 1_000);
        for (int i = 0; i < 500; i++) {
            log.firstSeen("github", "old-" + i, T0);
        }

        log.firstSeen("github", "new", T0.plus(Duration.ofMinutes(2)));

        assertThat(log.size()).isEqualTo(1);
    }

    @Test
    void theOldestIdsAreForgottenBeyondTheCapacity() {
        InMemoryDeliveryLog log = new InMemoryDeliveryLog(Duration.ofHours(24), 3);
        for (String id : new String[] {"a", "b", "c", "d"}) {
            log.firstSeen("github", id, T0);
        }

        assertThat(log.size()).isEqualTo(3);
        assertThat(log.firstSeen("github", "d", T0)).isFalse();
        assertThat(log.firstSeen("github", "a", T0)).as("evicted, so new again").isTrue();
    }

    @Test
    void aFloodOfDistinctIdsStaysWithinTheDefaultCapacity() {
        InMemoryDeliveryLog log = new InMemoryDeliveryLog();
        for (int i = 0; i < 25_000; i++) {
            log.firstSeen("github", "id-" + i, T0.plusMillis(i));
        }

        assertThat(log.size()).isEqualTo(InMemoryDeliveryLog.DEFAULT_CAPACITY);
    }

    @Test
    void concurrentRedeliveriesOfOneIdAreFirstSeenExactlyOnce() throws Exception {
        InMemoryDeliveryLog log = new InMemoryDeliveryLog();
        AtomicInteger first = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 1_000; i++) {
            pool.submit(() -> {
                if (log.firstSeen("github", "same", T0)) {
                    first.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(first).hasValue(1);
    }

    @Test
    void aLogWithoutRetentionOrCapacityIsRefused() {
        assertThatThrownBy(() -> new InMemoryDeliveryLog(Duration.ZERO, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InMemoryDeliveryLog(Duration.ofHours(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
