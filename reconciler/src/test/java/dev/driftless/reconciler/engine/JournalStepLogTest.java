package dev.driftless.reconciler.engine;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** When a live rollout is told to stop at its next safe point: a newer revision, or no progress in time. */
class JournalStepLogTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T08:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final AtomicBoolean newer = new AtomicBoolean();
    private final JournalStepLog log = new JournalStepLog(RolloutJournal.NONE, 1, newer::get, clock,
            Optional.of(Duration.ofMinutes(10)));

    @Test
    void aRolloutThatMakesNoProgressPastItsDeadlineIsStuck() {
        log.running(0);
        now.set(now.get().plus(Duration.ofMinutes(9)));
        assertThat(log.superseded()).isFalse();

        now.set(now.get().plus(Duration.ofMinutes(2)));

        assertThat(log.superseded()).isTrue();
        assertThat(log.wasStuck()).isTrue();
        assertThat(log.wasSuperseded()).isFalse();
    }

    @Test
    void progressMovesTheDeadline() {
        log.running(0);
        now.set(now.get().plus(Duration.ofMinutes(9)));
        log.progress(0, "old container renamed aside");
        now.set(now.get().plus(Duration.ofMinutes(9)));

        assertThat(log.superseded()).isFalse();
    }

    @Test
    void aNewerRevisionSupersedesWithoutBeingStuck() {
        newer.set(true);

        assertThat(log.superseded()).isTrue();
        assertThat(log.wasSuperseded()).isTrue();
        assertThat(log.wasStuck()).isFalse();
    }
}
