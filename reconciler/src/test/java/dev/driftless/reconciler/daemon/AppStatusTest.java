package dev.driftless.reconciler.daemon;

import dev.driftless.reconciler.engine.AppOutcome;
import dev.driftless.reconciler.engine.AppliedStep;
import dev.driftless.reconciler.engine.RetryBackoff;
import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.plan.Drift;
import dev.driftless.reconciler.plan.Plan;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedContainer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The health each outcome gives an app, as the API and the app_info metric say it. */
class AppStatusTest {

    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    private static final ObservedContainer WEB = new ObservedContainer("id", "shop-web-1", "shop", "web", 1, "hash",
            "rev", ContainerState.EXITED, Map.of());
    private static final Action START = new Action.StartContainer(WEB, "container was stopped by hand");
    private static final Plan PLAN = new Plan("shop", "rev", List.of(START), List.of());

    @Test
    void anAppInSyncOrFullyRolledOutIsHealthy() {
        assertThat(health(new AppOutcome.InSync("shop", new Plan("shop", "rev", List.of(), List.of())), false))
                .isEqualTo("Healthy");
        assertThat(health(new AppOutcome.Applied("shop", PLAN, List.of(AppliedStep.done(START, Duration.ZERO))), false))
                .isEqualTo("Healthy");
    }

    @Test
    void aFailedRolloutAFailedRenderAndUnhealedDriftAreDegraded() {
        AppOutcome failedStep = new AppOutcome.Applied("shop", PLAN,
                List.of(AppliedStep.failed(START, Duration.ZERO, "did not prove healthy")));
        AppOutcome drifted = new AppOutcome.Drifted(PLAN, List.of(new Drift(Drift.Kind.STOPPED, "shop-web-1",
                "container was stopped by hand", List.of(START))));

        assertThat(health(failedStep, false)).isEqualTo("Degraded");
        assertThat(health(new AppOutcome.Failed("shop", "shop/compose.yaml:3:5: bad"), false)).isEqualTo("Degraded");
        assertThat(health(drifted, false)).isEqualTo("Degraded");
    }

    @Test
    void anAppWithNoContainerLeftIsMissing() {
        AppOutcome drifted = new AppOutcome.Drifted(PLAN, List.of(new Drift(Drift.Kind.REMOVED, "shop-web-1",
                "container was removed by hand", List.of(START))));

        assertThat(health(drifted, true)).isEqualTo("Missing");
    }

    @Test
    void aRunningRolloutIsProgressingAndSuspensionWinsOverAll() {
        AppStatus status = AppStatus.of("fleet", "rev", new AppOutcome.InSync("shop", PLAN), NOW, Optional.empty(),
                false);

        AppStatus rolling = status.progressing("rev2", NOW.plusSeconds(5));

        assertThat(rolling.health(false)).isEqualTo("Progressing");
        assertThat(rolling.revision()).isEqualTo("rev2");
        assertThat(rolling.health(true)).isEqualTo("Suspended");
        assertThat(AppStatus.first("blog", "fleet", "rev", NOW).health(false)).isEqualTo("Progressing");
    }

    @Test
    void aFailedRevisionSaysWhenItIsTriedAgain() {
        AppStatus status = AppStatus.of("fleet", "rev", new AppOutcome.Failed("shop", "held back"), NOW,
                Optional.of(new RetryBackoff.Failure("rev", 2, NOW.plusSeconds(20), "boom")), false);

        assertThat(status.nextAttemptAt()).contains(NOW.plusSeconds(20));
    }

    @Test
    void refusesAHealthOutsideTheContract() {
        assertThatThrownBy(() -> new AppStatus("shop", "fleet", "rev", "Synced", "Unknown", "synced", "", NOW,
                Optional.empty())).hasMessageContaining("health 'Unknown' is not one of");
    }

    private static String health(AppOutcome outcome, boolean absent) {
        return AppStatus.of("fleet", "rev", outcome, NOW, Optional.empty(), absent).health(false);
    }
}
