package dev.driftless.reconciler.journal;

import dev.driftless.manifests.config.TargetConfig;
import dev.driftless.reconciler.engine.RolloutJournal;
import dev.driftless.reconciler.plan.Action;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal in the daemon's store (H2 file by default). Each write is its own transaction and is
 * committed before the step it announces touches the engine. Keeps the newest rollouts per app
 * (20); older ones and their steps go as new ones begin.
 *
 * <p>Not final: Micronaut wraps {@link #begin} in a transaction through a generated subclass.
 */
@Singleton
public class JdbcRolloutJournal implements RolloutJournal {

    static final int KEEP_PER_APP = 20;
    private static final int MAX_TEXT = 8000;

    private final JournalRepository rollouts;
    private final JournalStepRepository steps;
    private final Clock clock;
    /** Rollouts this process began and has not finished: never "unfinished" in the recovery's sense. */
    private final java.util.Set<Long> runningHere = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public JdbcRolloutJournal(JournalRepository rollouts, JournalStepRepository steps, Clock clock) {
        this.rollouts = rollouts;
        this.steps = steps;
        this.clock = clock;
    }

    @Override
    @Transactional
    public long begin(String app, String revision, String trigger, List<Action> actions) {
        return begin(app, revision, trigger, actions, TargetConfig.LOCAL);
    }

    @Override
    @Transactional
    public long begin(String app, String revision, String trigger, List<Action> actions, String target) {
        Instant now = clock.instant();
        JournalRolloutRow row = rollouts.save(new JournalRolloutRow(null, app, revision, trigger,
                JournalState.RUNNING.label(), now, now, "", target));
        List<JournalStepRow> rows = new ArrayList<>();
        for (int index = 0; index < actions.size(); index++) {
            Action action = actions.get(index);
            rows.add(new JournalStepRow(null, row.id(), index, action.verb(), cut(action.subject(), 255),
                    cut(action.reason(), 1000), JournalState.PENDING.label(), "", now));
        }
        steps.saveAll(rows);
        runningHere.add(row.id());
        rollouts.findTop20ByAppOrderByIdDesc(app).stream().skip(KEEP_PER_APP - 1L).findFirst()
                .ifPresent(oldestKept -> rollouts.deleteByAppAndIdLessThan(app, oldestKept.id()));
        return row.id();
    }

    @Override
    public void step(long rollout, int index, JournalState state, String detail) {
        Instant now = clock.instant();
        steps.findByRolloutIdAndStepIndex(rollout, index)
                .ifPresent(row -> steps.update(row.with(state.label(), cut(detail, MAX_TEXT), now)));
        rollouts.findById(rollout).ifPresent(row -> rollouts.update(row.with(row.state(), now, row.error())));
    }

    @Override
    public void finish(long rollout, JournalState state, String error) {
        runningHere.remove(rollout);
        Instant now = clock.instant();
        rollouts.findById(rollout).ifPresent(row -> rollouts.update(row.with(state.label(), now, cut(error, MAX_TEXT))));
        for (JournalStepRow row : steps.findByRolloutIdOrderByStepIndexAsc(rollout)) {
            if (row.state().equals(JournalState.PENDING.label()) || row.state().equals(JournalState.RUNNING.label())) {
                // A step the rollout never finished is closed with the rollout, saying why.
                steps.update(row.with(JournalState.SKIPPED.label(),
                        row.state().equals(JournalState.RUNNING.label()) ? "cut short: " + state.label()
                                : "not run: rollout " + state.label(), now));
            }
        }
    }

    @Override
    public List<JournalEntry> unfinished() {
        return rollouts.findByStateOrderByIdAsc(JournalState.RUNNING.label()).stream()
                .filter(row -> !runningHere.contains(row.id()))
                .map(this::entry)
                .toList();
    }

    @Override
    public List<JournalEntry> recent(String app, int limit) {
        return rollouts.findTop20ByAppOrderByIdDesc(app).stream().limit(limit).map(this::entry).toList();
    }

    private JournalEntry entry(JournalRolloutRow row) {
        List<JournalStep> journalSteps = steps.findByRolloutIdOrderByStepIndexAsc(row.id()).stream()
                .map(step -> new JournalStep(step.stepIndex(), step.kind(), step.subject(), step.reason(),
                        JournalState.of(step.state()), step.detail(), step.updatedAt()))
                .toList();
        return new JournalEntry(row.id(), row.app(), row.revision(), row.trigger(), JournalState.of(row.state()),
                row.startedAt(), row.updatedAt(), row.error(), journalSteps, row.target());
    }

    private static String cut(String text, int max) {
        String marker = " […cut]";
        return text.length() <= max ? text : text.substring(0, max - marker.length()) + marker;
    }
}
