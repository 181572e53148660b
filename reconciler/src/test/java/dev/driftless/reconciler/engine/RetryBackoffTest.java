package dev.driftless.reconciler.engine;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBackoffTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(10), Duration.ofSeconds(35));

    @Test
    void holdsAFailedRevisionBackLongerAfterEachFailureUpToTheCap() {
        backoff.failed("shop", "r1", NOW, "boom");
        assertThat(backoff.holding("shop", "r1", NOW.plusSeconds(9))).isPresent();
        assertThat(backoff.holding("shop", "r1", NOW.plusSeconds(10))).isEmpty();

        backoff.failed("shop", "r1", NOW, "boom");
        assertThat(backoff.last("shop")).hasValueSatisfying(failure -> {
            assertThat(failure.attempts()).isEqualTo(2);
            assertThat(failure.nextAttempt()).isEqualTo(NOW.plusSeconds(20));
        });
        backoff.failed("shop", "r1", NOW, "boom");
        backoff.failed("shop", "r1", NOW, "boom");
        assertThat(backoff.last("shop").orElseThrow().nextAttempt()).isEqualTo(NOW.plusSeconds(35));
    }

    @Test
    void aNewRevisionIsNotHeldBackAndStartsTheCountAfresh() {
        backoff.failed("shop", "r1", NOW, "boom");
        backoff.failed("shop", "r1", NOW, "boom");

        assertThat(backoff.holding("shop", "r2", NOW)).isEmpty();
        backoff.failed("shop", "r2", NOW, "bang");
        assertThat(backoff.last("shop").orElseThrow().attempts()).isOne();
    }

    @Test
    void aSuccessForgetsTheFailureAndOtherAppsAreNeverHeld() {
        backoff.failed("shop", "r1", NOW, "boom");

        assertThat(backoff.holding("blog", "r1", NOW)).isEmpty();
        backoff.succeeded("shop");
        assertThat(backoff.holding("shop", "r1", NOW)).isEmpty();
        assertThat(backoff.last("shop")).isEmpty();
    }
}
