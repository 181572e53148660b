package dev.driftless.providers.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.providers.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PollScheduleTest {

    private static final Instant START = Instant.parse("2024-03-01T10:00:00Z");
    private static final Revision REVISION = new Revision("4b825dc642cb6eb9a060e54bf8d69288fbee4904", "Add web",
            "Alice <alice@example.com>", START);

    /** A random generator that draws the given numbers in turn, then the last one forever. */
    static RandomGenerator draws(double... values) {
        return new RandomGenerator() {
            private int next;

            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only doubles are drawn");
            }

            @Override
            public double nextDouble() {
                return values[Math.min(next++, values.length - 1)];
            }
        };
    }

    @Nested
    class Policy {

        private final PollPolicy policy = PollPolicy.defaults();

        @Test
        void theDefaultsAreAMinuteTenPercentDoublingUpToFifteenMinutes() {
            assertThat(policy).isEqualTo(new PollPolicy(Duration.ofSeconds(60), 0.1, 2.0, Duration.ofMinutes(15)));
        }

        @Test
        void jitterStaysWithinTenPercentEitherWay() {
            assertThat(policy.delay(0, 0.0)).isEqualTo(Duration.ofSeconds(54));
            assertThat(policy.delay(0, 0.5)).isEqualTo(Duration.ofSeconds(60));
            assertThat(policy.delay(0, 0.999_999)).isBetween(Duration.ofMillis(65_999), Duration.ofSeconds(66));
            for (double draw = 0; draw < 1; draw += 0.01) {
                assertThat(policy.delay(0, draw)).isBetween(Duration.ofSeconds(54), Duration.ofSeconds(66));
            }
        }

        @Test
        void backoffDoublesWithEachFailureUpToTheCap() {
            List<Duration> pauses = List.of(0, 1, 2, 3, 4, 5, 40, Integer.MAX_VALUE).stream()
                    .map(failures -> policy.delay(failures, 0.5))
                    .toList();

            assertThat(pauses).containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(240),
                    Duration.ofSeconds(480), Duration.ofSeconds(900), Duration.ofSeconds(900), Duration.ofSeconds(900),
                    Duration.ofSeconds(900));
        }

        @Test
        void aCappedPauseIsStillJitteredSoFailingSourcesDoNotRetryInStep() {
            assertThat(policy.delay(10, 0.0)).isEqualTo(Duration.ofSeconds(810));
            assertThat(policy.delay(10, 0.999_999)).isBetween(Duration.ofMillis(989_999), Duration.ofSeconds(990));
        }

        @Test
        void noJitterGivesExactPauses() {
            PollPolicy exact = new PollPolicy(Duration.ofSeconds(30), 0, 3, Duration.ofMinutes(5));

            assertThat(exact.delay(0, 0.0)).isEqualTo(Duration.ofSeconds(30));
            assertThat(exact.delay(2, 0.9)).isEqualTo(Duration.ofSeconds(270));
            assertThat(exact.delay(3, 0.1)).isEqualTo(Duration.ofMinutes(5));
        }

        @Test
        void aLongIntervalRaisesTheCapToItself() {
            assertThat(PollPolicy.every(Duration.ofHours(1)).maxBackoff()).isEqualTo(Duration.ofHours(1));
            assertThat(PollPolicy.every(Duration.ofSeconds(10)).maxBackoff()).isEqualTo(Duration.ofMinutes(15));
        }

        @ParameterizedTest
        @ValueSource(doubles = {-0.1, 1.0, Double.NaN})
        void aJitterOutsideZeroToOneIsRefused(double jitter) {
            assertThatThrownBy(() -> new PollPolicy(Duration.ofSeconds(60), jitter, 2, Duration.ofMinutes(15)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("jitter");
        }

        @Test
        void impossiblePoliciesAreRefused() {
            assertThatThrownBy(() -> new PollPolicy(Duration.ZERO, 0.1, 2, Duration.ofMinutes(15)))
                    .hasMessageContaining("interval must be positive");
            assertThatThrownBy(() -> new PollPolicy(Duration.ofSeconds(60), 0.1, 0.5, Duration.ofMinutes(15)))
                    .hasMessageContaining("backoff factor");
            assertThatThrownBy(() -> new PollPolicy(Duration.ofMinutes(20), 0.1, 2, Duration.ofMinutes(15)))
                    .hasMessageContaining("cannot be shorter than the interval");
            assertThatThrownBy(() -> policy.delay(-1, 0.5)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> policy.delay(0, 1.0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Statuses {

        private final MutableClock clock = new MutableClock(START);
        private final PollSchedule schedule = new PollSchedule(PollPolicy.defaults(), clock, draws(0.5));

        @Test
        void aNewSourceIsPendingAndDueAtOnce() {
            SourceStatus status = schedule.first();

            assertThat(status.state()).isEqualTo(SourceStatus.State.PENDING);
            assertThat(status.isDue(clock.instant())).isTrue();
            assertThat(schedule.untilDue(status)).isZero();
            assertThat(status.lastSuccess()).isEmpty();
            assertThat(status.lastFailure()).isEmpty();
        }

        @Test
        void aSuccessRecordsTheRevisionAndSchedulesTheNextPollAnIntervalAway() {
            SourceStatus status = schedule.succeeded(schedule.first(), REVISION);

            assertThat(status.state()).isEqualTo(SourceStatus.State.READY);
            assertThat(status.lastSuccess()).contains(new SourceStatus.Success(START, REVISION));
            assertThat(status.nextPollDue()).isEqualTo(START.plusSeconds(60));
            assertThat(schedule.untilDue(status)).isEqualTo(Duration.ofSeconds(60));
            clock.advance(Duration.ofSeconds(59));
            assertThat(status.isDue(clock.instant())).isFalse();
            clock.advance(Duration.ofSeconds(1));
            assertThat(status.isDue(clock.instant())).isTrue();
        }

        @Test
        void failuresBackOffAndKeepTheLastSuccessUntilASuccessResetsThem() {
            SourceStatus ok = schedule.succeeded(schedule.first(), REVISION);
            clock.advance(Duration.ofSeconds(60));
            SourceException unreachable = new SourceException("cannot fetch https://git.example.com/fleet.git"
                    + " (branch 'main'): connection refused", true, null);

            SourceStatus once = schedule.failed(ok, unreachable);
            clock.advance(Duration.ofSeconds(120));
            SourceStatus twice = schedule.failed(once, unreachable);

            assertThat(once.consecutiveFailures()).isEqualTo(1);
            assertThat(once.nextPollDue()).isEqualTo(START.plusSeconds(60 + 120));
            assertThat(twice.consecutiveFailures()).isEqualTo(2);
            assertThat(twice.nextPollDue()).isEqualTo(START.plusSeconds(60 + 120 + 240));
            assertThat(twice.state()).isEqualTo(SourceStatus.State.RETRYING);
            assertThat(twice.lastSuccess()).contains(new SourceStatus.Success(START, REVISION));
            assertThat(twice.lastFailure()).contains(new SourceStatus.Failure(START.plusSeconds(180),
                    unreachable.getMessage(), true));

            clock.advance(Duration.ofSeconds(240));
            SourceStatus recovered = schedule.succeeded(twice, REVISION);

            assertThat(recovered.consecutiveFailures()).isZero();
            assertThat(recovered.state()).isEqualTo(SourceStatus.State.READY);
            assertThat(recovered.nextPollDue()).isEqualTo(clock.instant().plusSeconds(60));
            assertThat(recovered.lastFailure()).as("the last failure stays visible").isEqualTo(twice.lastFailure());
        }

        @Test
        void aFailureThatNeedsAPersonStallsTheSourceButPollingGoesOn() {
            SourceStatus stalled = schedule.failed(schedule.first(), new SourceException("authentication failed for"
                    + " https://git.example.com/fleet.git (branch 'main'): the server refused the token", false, null));

            assertThat(stalled.state()).isEqualTo(SourceStatus.State.STALLED);
            assertThat(stalled.nextPollDue()).isEqualTo(START.plusSeconds(120));
        }

        @Test
        void aPollerThatStoppedShowsAsOverdue() {
            SourceStatus status = schedule.succeeded(schedule.first(), REVISION);

            assertThat(status.overdue(clock.instant())).isZero();
            clock.advance(Duration.ofMinutes(10));
            assertThat(status.overdue(clock.instant())).isEqualTo(Duration.ofMinutes(9));
            assertThat(schedule.untilDue(status)).isZero();
        }

        @Test
        void eachPollDrawsItsOwnJitter() {
            PollSchedule jittered = new PollSchedule(PollPolicy.defaults(), clock, draws(0.0, 0.999_999, 0.25));

            SourceStatus first = jittered.succeeded(jittered.first(), REVISION);
            SourceStatus second = jittered.succeeded(first, REVISION);
            SourceStatus third = jittered.failed(second, "the engine is gone", true);

            assertThat(Duration.between(START, first.nextPollDue())).isEqualTo(Duration.ofSeconds(54));
            assertThat(Duration.between(START, second.nextPollDue())).isBetween(Duration.ofMillis(65_999), Duration.ofSeconds(66));
            assertThat(Duration.between(START, third.nextPollDue())).isEqualTo(Duration.ofSeconds(114));
        }

        @Test
        void aStatusWithFailuresButNoFailureIsRefused() {
            assertThatThrownBy(() -> new SourceStatus(java.util.Optional.empty(), java.util.Optional.empty(), 1, START))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
