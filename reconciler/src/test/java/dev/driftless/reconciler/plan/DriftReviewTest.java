package dev.driftless.reconciler.plan;

import dev.driftless.manifests.hash.SpecHash;
import dev.driftless.manifests.model.Attachments;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.RestartPolicy;
import dev.driftless.manifests.model.RuntimeOptions;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedApp;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.OwnershipLabels;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Drift told from change, with plain values: the plan of a revision already deployed, reviewed. */
class DriftReviewTest {

    private static final String APP = "shop";
    private static final String REVISION = "c0ffee";
    private static final DesiredService WEB = new DesiredService("web", "busybox:1.36", List.of("sleep", "3600"),
            Map.of("GREETING", "hello"), List.of(), Map.of());

    @Test
    void aContainerStoppedByHandAtTheDeployedRevisionIsDriftSaidInWords() {
        DriftReview.Reviewed reviewed = review(app(WEB), deployed(exited(WEB, 137)), true);

        assertThat(reviewed.drift()).singleElement().satisfies(drift -> {
            assertThat(drift.kind()).isEqualTo(Drift.Kind.STOPPED);
            assertThat(drift.subject()).isEqualTo("shop-web-1");
            assertThat(drift.reason()).isEqualTo("container was stopped by hand (exit code 137)");
        });
        assertThat(reviewed.plan().actions()).extracting(Action::verb, Action::reason)
                .containsExactly(tuple("start", "container was stopped by hand (exit code 137)"));
    }

    @Test
    void theSameDifferenceAtARevisionNotYetDeployedIsNoDrift() {
        DriftReview.Reviewed reviewed = review(app(WEB), deployed(exited(WEB, 137)), false);

        assertThat(reviewed.drift()).isEmpty();
        assertThat(reviewed.plan().actions()).extracting(Action::verb).containsExactly("start");
    }

    @Test
    void aContainerRemovedByHandIsCreatedAgainAsRemovedDrift() {
        DriftReview.Reviewed reviewed = review(app(WEB), new ObservedApp(APP, List.of(), List.of("shop_default")),
                true);

        assertThat(reviewed.drift()).extracting(Drift::kind).containsExactly(Drift.Kind.REMOVED);
        assertThat(reviewed.plan().actions()).extracting(Action::verb, Action::subject, Action::reason)
                .containsExactly(tuple("create", "shop-web-1", "container was removed by hand"));
    }

    @Test
    void aContainerRenamedByHandGetsItsNameBackRatherThanBeingReplaced() {
        ObservedContainer renamed = container(WEB, "my-web", ContainerState.RUNNING, SpecHash.of(WEB), Map.of(),
                OptionalInt.empty());

        DriftReview.Reviewed reviewed = review(app(WEB), deployed(renamed), true);

        assertThat(reviewed.drift()).singleElement().satisfies(drift -> {
            assertThat(drift.kind()).isEqualTo(Drift.Kind.RENAMED);
            assertThat(drift.reason()).isEqualTo("container was renamed by hand to my-web");
        });
        assertThat(reviewed.plan().actions()).singleElement().isInstanceOfSatisfying(Action.RestoreContainer.class,
                restore -> {
                    assertThat(restore.aside()).isEqualTo(renamed);
                    assertThat(restore.unproven()).isEmpty();
                    assertThat(restore.subject()).isEqualTo("shop-web-1");
                });
    }

    @Test
    void aContainerWhoseSpecHashNoLongerMatchesTheDeployedRevisionWasReconfiguredByHand() {
        ObservedContainer edited = container(WEB, "shop-web-1", ContainerState.RUNNING, "0123456789abcdef0123",
                Map.of(), OptionalInt.empty());

        DriftReview.Reviewed reviewed = review(app(WEB), deployed(edited), true);

        assertThat(reviewed.drift()).extracting(Drift::kind).containsExactly(Drift.Kind.RECONFIGURED);
        assertThat(reviewed.plan().actions()).extracting(Action::verb).containsExactly("replace");
        assertThat(reviewed.plan().actions().get(0).reason())
                .startsWith("container was reconfigured by hand: its spec hash 0123456789ab no longer matches");
    }

    @Test
    void aOneShotServiceThatRanToCompletionIsNeitherDriftNorStartedAgain() {
        DriftReview.Reviewed reviewed = review(app(WEB), deployed(exited(WEB, 0)), true);

        assertThat(reviewed.drift()).isEmpty();
        assertThat(reviewed.plan().isEmpty()).isTrue();
    }

    @Test
    void aServiceMeantToRestartThatExitedZeroIsStillStoppedDrift() {
        DesiredService always = new DesiredService("web", WEB.image(), WEB.command(), WEB.environment(), List.of(),
                Map.of(), RuntimeOptions.builder().restart(new RestartPolicy("always", 0)).build(), Attachments.NONE);

        DriftReview.Reviewed reviewed = review(app(always), deployed(exited(always, 0)), true);

        assertThat(reviewed.drift()).extracting(Drift::kind).containsExactly(Drift.Kind.STOPPED);
    }

    @Test
    void aContainerOptedOutByItsLabelIsNeverTouchedAndThePlanSaysSo() {
        ObservedContainer ignored = container(WEB, "shop-web-1", ContainerState.EXITED, SpecHash.of(WEB),
                Map.of(OwnershipLabels.IGNORE, "true"), OptionalInt.of(137));

        DriftReview.Reviewed reviewed = review(app(WEB), deployed(ignored), true);

        assertThat(reviewed.plan().isEmpty()).isTrue();
        assertThat(reviewed.drift()).isEmpty();
        assertThat(reviewed.plan().warnings()).singleElement().asString()
                .contains("shop-web-1 carries dev.driftless.ignore=true; left as it is");
    }

    @Test
    void anOptedOutContainerIsNotRemovedWithItsAppEither() {
        ObservedContainer ignored = container(WEB, "shop-web-1", ContainerState.RUNNING, SpecHash.of(WEB),
                Map.of(OwnershipLabels.IGNORE, "true"), OptionalInt.empty());

        Plan removal = OptOut.honour(Planner.planRemoval(new ObservedApp(APP, List.of(ignored), List.of()), REVISION,
                PlanPolicy.defaults()));

        assertThat(removal.actions()).isEmpty();
        assertThat(removal.warnings()).hasSize(1);
    }

    @Test
    void withoutHealingKeepsOnlyTheStepsThatAreNotDrift() {
        DriftReview.Reviewed reviewed = review(app(WEB), deployed(exited(WEB, 143)), true);

        assertThat(reviewed.withoutHealing().isEmpty()).isTrue();
        assertThat(reviewed.withoutHealing().revision()).isEqualTo(REVISION);
    }

    private static DriftReview.Reviewed review(DesiredApp desired, ObservedApp observed, boolean deployed) {
        return DriftReview.review(Planner.plan(desired, REVISION, observed, PlanPolicy.defaults()), desired, deployed);
    }

    private static DesiredApp app(DesiredService... services) {
        return new DesiredApp(APP, List.of(services));
    }

    private static ObservedApp deployed(ObservedContainer... containers) {
        return new ObservedApp(APP, List.of(containers), List.of("shop_default"));
    }

    private static ObservedContainer exited(DesiredService service, int code) {
        return container(service, "shop-" + service.name() + "-1", ContainerState.EXITED, SpecHash.of(service),
                Map.of(), OptionalInt.of(code));
    }

    private static ObservedContainer container(DesiredService service, String name, ContainerState state, String hash,
            Map<String, String> extra, OptionalInt exitCode) {
        Map<String, String> labels = new HashMap<>(OwnershipLabels.forContainer(APP, service, 1, REVISION, hash));
        labels.putAll(extra);
        return new ObservedContainer("id-" + name, name, APP, service.name(), 1, hash, REVISION, state, labels, "",
                exitCode);
    }
}
