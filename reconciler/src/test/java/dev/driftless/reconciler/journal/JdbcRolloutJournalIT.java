package dev.driftless.reconciler.journal;

import dev.driftless.manifests.model.DesiredService;
import dev.driftless.reconciler.engine.RolloutJournal.JournalEntry;
import dev.driftless.reconciler.engine.RolloutJournal.JournalState;
import dev.driftless.reconciler.plan.Action;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import dev.driftless.reconciler.testing.TestStores;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal on the real stores (H2 and PostgreSQL, migrated by the store package), as two processes would
 * share it.
 */
class JdbcRolloutJournalIT {

    private ApplicationContext context;

    private Map<String, Object> database;

    private void start(TestStores store) {
        database = store.freshDatabase();
        context = ApplicationContext.run(database);
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void writesTheRolloutAndEveryStepPendingBeforeAnyRunsThenEachAsItGoes(TestStores store) {
        start(store);
        JdbcRolloutJournal journal = context.getBean(JdbcRolloutJournal.class);

        long id = journal.begin("shop", "rev1", "poll", List.of(create("web"), create("worker")));
        JournalEntry begun = journal.recent("shop", 1).get(0);
        assertThat(begun.state()).isEqualTo(JournalState.RUNNING);
        assertThat(begun.steps()).extracting(step -> step.state()).containsExactly(JournalState.PENDING,
                JournalState.PENDING);
        assertThat(begun.steps()).extracting(step -> step.subject()).containsExactly("shop-web-1", "shop-worker-1");

        journal.step(id, 0, JournalState.RUNNING, "started shop-web-1");
        journal.step(id, 0, JournalState.DONE, "");
        journal.finish(id, JournalState.FAILED, "create shop-worker-1 failed: no such image");

        JournalEntry ended = journal.recent("shop", 1).get(0);
        assertThat(ended.state()).isEqualTo(JournalState.FAILED);
        assertThat(ended.error()).contains("no such image");
        assertThat(ended.steps()).extracting(step -> step.state()).containsExactly(JournalState.DONE,
                JournalState.SKIPPED);
        assertThat(ended.steps().get(1).detail()).isEqualTo("not run: rollout failed");
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void aRolloutOfThisProcessIsNotUnfinishedButOneOfAProcessThatDiedIs(TestStores store) {
        start(store);
        JdbcRolloutJournal mine = context.getBean(JdbcRolloutJournal.class);
        long running = mine.begin("shop", "rev1", "poll", List.of(create("web")));
        assertThat(mine.unfinished()).isEmpty();

        // A second process on the same store: the first one's open rollout is one it must recover.
        assertThat(unfinishedForTheNextProcess()).containsExactly(running);
    }

    /** The rollouts a second process on the same store is given to recover. */
    private List<Long> unfinishedForTheNextProcess() {
        try (ApplicationContext next = ApplicationContext.run(database)) {
            return next.getBean(JdbcRolloutJournal.class).unfinished().stream().map(JournalEntry::id).toList();
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void recoveryIsGivenTheUnfinishedRolloutsOfEveryTargetEachWithItsTarget(TestStores store) {
        start(store);
        JdbcRolloutJournal mine = context.getBean(JdbcRolloutJournal.class);
        long local = mine.begin("shop", "rev1", "poll", List.of(create("web")));
        long edge = mine.begin("shop", "rev1", "poll", List.of(create("web")), "edge");

        assertThat(unfinishedForTheNextProcess()).containsExactly(local, edge);
        assertThat(mine.recent("shop", 2)).extracting(JournalEntry::target).containsExactly("edge", "local");
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void keepsTheNewestTwentyRolloutsOfAnApp(TestStores store) {
        start(store);
        JdbcRolloutJournal journal = context.getBean(JdbcRolloutJournal.class);
        for (int i = 0; i < JdbcRolloutJournal.KEEP_PER_APP + 5; i++) {
            journal.finish(journal.begin("shop", "rev" + i, "poll", List.of(create("web"))), JournalState.DONE, "");
        }
        journal.begin("blog", "only", "poll", List.of());

        assertThat(journal.recent("shop", 100)).hasSize(JdbcRolloutJournal.KEEP_PER_APP)
                .first().satisfies(entry -> assertThat(entry.revision()).isEqualTo("rev24"));
        assertThat(journal.recent("blog", 100)).hasSize(1);
    }

    private static Action create(String service) {
        return new Action.CreateContainer("shop", new DesiredService(service, "busybox:1.36", List.of(), Map.of(),
                List.of(), Map.of()), 1, "hash", "new app");
    }
}
