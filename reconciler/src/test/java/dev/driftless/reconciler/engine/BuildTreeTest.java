package dev.driftless.reconciler.engine;

import dev.driftless.manifests.layout.InMemoryRepoTree;
import dev.driftless.manifests.layout.RepoTree;
import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.plan.Plan;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.state.ObservedTarget;
import dev.driftless.reconciler.testing.RecordingHistory;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A plan's images are built from the files of the plan's own revision, latest or pinned. */
class BuildTreeTest {

    private static final String COMPOSE = "services:\n  web:\n    build: ./web\n";
    private final InMemoryRepoTree latest = InMemoryRepoTree.of("shop/compose.yaml", COMPOSE,
            "shop/web/Dockerfile", "FROM busybox:1.37\n");
    private final InMemoryRepoTree pinned = InMemoryRepoTree.of("shop/compose.yaml", COMPOSE,
            "shop/web/Dockerfile", "FROM busybox:1.36\n");
    private final List<RepoTree> given = new ArrayList<>();

    @Test
    void theLatestRevisionsPlanBuildsFromTheLatestFiles() {
        reconciler(SuspendedApps.NONE).reconcile(Trigger.POLL);

        assertThat(given).containsExactly(latest);
    }

    @Test
    void aPlanPinnedByARollbackBuildsFromThePinnedRevisionsFiles() {
        reconciler(new SuspendedApps() {
            @Override
            public boolean isSuspended(String app) {
                return true; // a rollback suspends the app and pins it
            }

            @Override
            public Optional<String> pinnedRevision(String app) {
                return Optional.of("old");
            }
        }).reconcile(Trigger.POLL);

        assertThat(given).containsExactly(pinned);
    }

    private Reconciler reconciler(SuspendedApps suspended) {
        PlanExecutor executor = new PlanExecutor() {
            @Override
            public List<AppliedStep> execute(Plan plan, StepLog log) {
                throw new AssertionError("a plan that builds must be given its revision's files");
            }

            @Override
            public List<AppliedStep> execute(Plan plan, StepLog log, RepoTree tree) {
                assertThat(plan.actions()).first().isInstanceOf(Action.BuildImage.class);
                given.add(tree);
                return plan.actions().stream().map(action -> AppliedStep.done(action, Duration.ZERO)).toList();
            }
        };
        return new Reconciler(new TwoRevisions(latest, pinned), () -> ObservedTarget.of("fake", List.of(), Map.of()), executor,
                new RecordingHistory(), ReconcileMetrics.NONE, PlanPolicy.defaults(), Clock.systemUTC(),
                RolloutListener.NONE, suspended);
    }

    /** A source whose head is {@code head} and whose only other revision, "old", is {@code old}. */
    private record TwoRevisions(RepoTree head, RepoTree old) implements DesiredStateSource {

        @Override
        public Snapshot latest() {
            return new Snapshot("new", "latest", head);
        }

        @Override
        public Snapshot at(String revision) {
            return new Snapshot(revision, "pinned", old);
        }

        @Override
        public String repoName() {
            return "fleet";
        }

        @Override
        public String location() {
            return "two revisions in memory";
        }
    }
}
