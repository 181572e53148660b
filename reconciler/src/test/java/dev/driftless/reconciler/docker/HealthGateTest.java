package dev.driftless.reconciler.docker;

import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.RuntimeOptions;
import dev.driftless.manifests.model.UpdateConfig;
import dev.driftless.reconciler.docker.HealthGate.Look;
import dev.driftless.reconciler.docker.HealthGate.Outcome;
import dev.driftless.reconciler.docker.HealthGate.Verdict;
import dev.driftless.providers.testing.MutableClock;
import dev.driftless.reconciler.plan.HealthTiming;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health gate's judgement, with {@code deploy.update_config.monitor}: the minimum uptime of a
 * service without a health check, and a watch after {@code healthy} for one with a health check.
 */
class HealthGateTest {

    private static final HealthGate GATE = new HealthGate(Duration.ofSeconds(30), Duration.ofSeconds(1),
            Duration.ofMillis(1));
    private static final String STARTED = "2026-01-01T00:00:00Z";

    private static final Look RUNNING = look(true, "running", null, STARTED, Optional.empty());
    private static final Look STARTING = look(true, "running", null, STARTED, Optional.of("starting"));
    private static final Look HEALTHY = look(true, "running", null, STARTED, Optional.of("healthy"));
    private static final Look UNHEALTHY = look(true, "running", null, STARTED, Optional.of("unhealthy"));
    private static final Look CRASHED = look(false, "exited", 1L, STARTED, Optional.empty());

    @Nested
    class ForAnApp {

        @Test
        void anAppThatSetsNoTimingKeepsTheDaemonsGate() {
            assertThat(GATE.forApp(HealthTiming.DAEMON)).isSameAs(GATE);
        }

        @Test
        void whatTheAppSetsReplacesTheDaemonsDeadlineAndUptime() {
            HealthGate gate = GATE.forApp(new HealthTiming(Optional.of(Duration.ofSeconds(7)), Optional.empty()));

            assertThat(gate.deadline()).isEqualTo(Duration.ofSeconds(7));
            assertThat(gate.minUptime()).isEqualTo(GATE.minUptime());
            assertThat(gate.pollEvery()).isEqualTo(GATE.pollEvery());
        }

        @Test
        void anAppUptimeLongerThanTheDaemonsDeadlineStretchesTheDeadlineSoItCanBeMet() {
            HealthGate gate = GATE.forApp(new HealthTiming(Optional.empty(), Optional.of(GATE.deadline().plusMinutes(1))));

            assertThat(gate.minUptime()).isEqualTo(GATE.deadline().plusMinutes(1));
            assertThat(gate.deadline()).isEqualTo(gate.minUptime());
        }
    }

    @Nested
    class ForAService {

        @Test
        void aServiceWithoutMonitorKeepsTheDaemonsGate() {
            assertThat(GATE.forService(monitored(Duration.ZERO))).isSameAs(GATE);
        }

        @Test
        void monitorBecomesTheMinimumUptimeAndTheWatchAfterHealthy() {
            HealthGate gate = GATE.forService(monitored(Duration.ofSeconds(4)));

            assertThat(gate.minUptime()).isEqualTo(Duration.ofSeconds(4));
            assertThat(gate.monitor()).isEqualTo(Duration.ofSeconds(4));
            assertThat(gate.deadline()).isEqualTo(GATE.deadline());
        }

        @Test
        void aMonitorLongerThanTheDeadlineStretchesTheDeadlineSoItCanBeMet() {
            HealthGate gate = GATE.forService(monitored(Duration.ofMinutes(2)));

            assertThat(gate.deadline()).isEqualTo(Duration.ofMinutes(2));
        }
    }

    @Nested
    class WithoutAHealthCheck {

        private final HealthGate gate = GATE.forService(monitored(Duration.ofSeconds(4)));

        @Test
        void aContainerStillUpBeforeTheMonitorEndsIsStillWatched() {
            assertThat(gate.judge(RUNNING, RUNNING, Duration.ofSeconds(2), Optional.empty(), false)).isEmpty();
            assertThat(GATE.judge(RUNNING, RUNNING, Duration.ofSeconds(2), Optional.empty(), false))
                    .as("the daemon's 1 s minimum uptime alone passes it").map(Outcome::verdict)
                    .contains(Verdict.HEALTHY);
        }

        @Test
        void aContainerThatCrashesWithinTheMonitorFailsAndTheReasonNamesIt() {
            Optional<Outcome> outcome = gate.judge(RUNNING, CRASHED, Duration.ofSeconds(2), Optional.empty(), false);

            assertThat(outcome).hasValueSatisfying(failed -> {
                assertThat(failed.verdict()).isEqualTo(Verdict.UNHEALTHY);
                assertThat(failed.reason()).isEqualTo("the new container exited with exit code 1 instead of staying "
                        + "up for update_config.monitor (4 s)");
            });
        }

        @Test
        void aContainerUpForTheWholeMonitorPasses() {
            assertThat(gate.judge(RUNNING, RUNNING, Duration.ofSeconds(4), Optional.empty(), false))
                    .map(Outcome::verdict).contains(Verdict.HEALTHY);
        }

        @Test
        void aRestartWithinTheMonitorFails() {
            Look restarted = look(true, "running", null, "2026-01-01T00:00:02Z", Optional.empty());

            assertThat(gate.judge(RUNNING, restarted, Duration.ofSeconds(3), Optional.empty(), false))
                    .hasValueSatisfying(failed -> assertThat(failed.reason())
                            .isEqualTo("the new container restarted instead of staying up for update_config.monitor "
                                    + "(4 s)"));
        }
    }

    @Nested
    class WithAHealthCheck {

        private final HealthGate gate = GATE.forService(monitored(Duration.ofSeconds(4)));

        @Test
        void withoutMonitorTheFirstHealthyPasses() {
            assertThat(GATE.judge(STARTING, HEALTHY, Duration.ofSeconds(2), Optional.of(Duration.ZERO), false))
                    .map(Outcome::verdict).contains(Verdict.HEALTHY);
        }

        @Test
        void withMonitorHealthyIsWatchedUntilTheWindowEnds() {
            assertThat(gate.judge(STARTING, HEALTHY, Duration.ofSeconds(2), Optional.of(Duration.ZERO), false))
                    .isEmpty();
            assertThat(gate.judge(STARTING, HEALTHY, Duration.ofSeconds(5), Optional.of(Duration.ofSeconds(3)), false))
                    .isEmpty();
            assertThat(gate.judge(STARTING, HEALTHY, Duration.ofSeconds(6), Optional.of(Duration.ofSeconds(4)), false))
                    .map(Outcome::verdict).contains(Verdict.HEALTHY);
        }

        @Test
        void turningUnhealthyWithinTheMonitorFails() {
            assertThat(gate.judge(STARTING, UNHEALTHY, Duration.ofSeconds(5), Optional.of(Duration.ofSeconds(2)),
                    false)).hasValueSatisfying(failed -> {
                        assertThat(failed.verdict()).isEqualTo(Verdict.UNHEALTHY);
                        assertThat(failed.reason()).isEqualTo("its health check reports unhealthy within "
                                + "update_config.monitor (4 s) of reporting healthy");
                    });
        }

        @Test
        void crashingAfterHealthyWithinTheMonitorFails() {
            Look exited = look(false, "exited", 137L, STARTED, Optional.of("healthy"));

            assertThat(gate.judge(STARTING, exited, Duration.ofSeconds(5), Optional.of(Duration.ofSeconds(1)), false))
                    .hasValueSatisfying(failed -> assertThat(failed.reason()).isEqualTo("the new container exited "
                            + "with exit code 137 instead of staying up within update_config.monitor (4 s) of "
                            + "reporting healthy"));
        }

        @Test
        void stillStartingIsNotHealthyWhateverTheUptime() {
            assertThat(gate.judge(STARTING, STARTING, Duration.ofSeconds(10), Optional.empty(), false)).isEmpty();
        }
    }

    @Nested
    class TheWait {

        private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

        @Test
        void aContainerHealthyAtOnceThatCrashesTwoSecondsLaterIsCaughtByAFourSecondMonitor() {
            HealthGate gate = GATE.forService(monitored(Duration.ofSeconds(4)));

            Outcome outcome = gate.await(script(HEALTHY, HEALTHY, HEALTHY, HEALTHY, HEALTHY, crashedAfterHealthy()),
                    clock, () -> false, false);

            assertThat(outcome.verdict()).isEqualTo(Verdict.UNHEALTHY);
            assertThat(outcome.reason()).contains("within update_config.monitor (4 s)");
        }

        @Test
        void withoutMonitorTheSameContainerPassesAtItsFirstHealthyLook() {
            Outcome outcome = GATE.await(script(HEALTHY, crashedAfterHealthy()), clock, () -> false, false);

            assertThat(outcome.verdict()).isEqualTo(Verdict.HEALTHY);
        }

        @Test
        void theMonitorWindowRunsPastTheDeadlineOnceHealthy() {
            // Healthy only as the 30 s deadline ends: the 4 s watch that follows is not cut short by it.
            HealthGate gate = GATE.forService(monitored(Duration.ofSeconds(4)));
            Look[] looks = new Look[80];
            java.util.Arrays.fill(looks, 0, 60, STARTING);
            java.util.Arrays.fill(looks, 60, 80, HEALTHY);

            Outcome outcome = gate.await(script(looks), clock, () -> false, false);

            assertThat(outcome.verdict()).isEqualTo(Verdict.HEALTHY);
            assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:34Z"));
        }

        @Test
        void aServiceThatMustCompleteAndReportsHealthyStillEndsAtTheDeadline() {
            HealthGate gate = GATE.forService(monitored(Duration.ofSeconds(4)));
            Look[] looks = new Look[70];
            java.util.Arrays.fill(looks, HEALTHY);

            Outcome outcome = gate.await(script(looks), clock, () -> false, true);

            assertThat(outcome.verdict()).isEqualTo(Verdict.UNHEALTHY);
            assertThat(outcome.reason()).startsWith("still running after 30 s");
        }

        /** Each look comes half a second after the one before. */
        private Supplier<Look> script(Look... looks) {
            Deque<Look> left = new ArrayDeque<>(List.of(looks));
            boolean[] first = {true};
            return () -> {
                if (!first[0]) {
                    clock.advance(Duration.ofMillis(500));
                }
                first[0] = false;
                assertThat(left).as("the gate looked more often than the script says").isNotEmpty();
                return left.poll();
            };
        }

        private Look crashedAfterHealthy() {
            return look(false, "exited", 1L, STARTED, Optional.of("healthy"));
        }
    }

    private static Look look(boolean running, String status, Long exitCode, String startedAt, Optional<String> health) {
        return new Look(running, false, status, exitCode, startedAt, 0, health, "");
    }

    private static DesiredService monitored(Duration monitor) {
        return new DesiredService("web", "busybox:1.36", List.of(), Map.of(), List.of(), Map.of(),
                RuntimeOptions.builder().updateConfig(new UpdateConfig(1, Duration.ZERO, "rollback", monitor,
                        "stop-first")).build(), dev.driftless.manifests.model.Attachments.NONE);
    }
}
