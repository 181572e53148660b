package dev.driftless.reconciler.engine;

import dev.driftless.manifests.config.TargetConfig;
import dev.driftless.reconciler.engine.RolloutJournal.JournalEntry;
import dev.driftless.reconciler.engine.RolloutJournal.JournalState;
import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.plan.Plan;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.ObservedTarget;
import dev.driftless.reconciler.state.OwnershipLabels;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Recovery of rollouts left unfinished on two targets: each is repaired on the engine it ran on,
 * and a target that cannot be reached (or is not known yet) waits without holding the other back.
 */
class RolloutRecoveryTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final TargetConfig EDGE = new TargetConfig("edge", URI.create("tcp://edge.example:2376"),
            Optional.empty());

    private final MemoryJournal journal = new MemoryJournal();
    private final Map<String, ObservedTarget> engines = new HashMap<>();
    private final Set<String> down = new HashSet<>();
    private final List<String> executed = new ArrayList<>();

    @Test
    void repairsEachRolloutOnTheTargetItRanOnAndJournalsTheRepairThere() {
        long onLocal = journal.begin("shop", "rev1", "poll", List.of(), TargetConfig.LOCAL);
        long onEdge = journal.begin("blog", "rev1", "poll", List.of(), "edge");
        engines.put(TargetConfig.LOCAL, leftAside("shop"));
        engines.put("edge", leftAside("blog"));

        RolloutRecovery.Result result = recovery(this::knownTargets).recoverUnfinished();

        assertThat(result.complete()).isTrue();
        assertThat(result.recovered()).extracting(RolloutRecovery.Recovered::app, RolloutRecovery.Recovered::target,
                RolloutRecovery.Recovered::closedAs, RolloutRecovery.Recovered::repaired).containsExactlyInAnyOrder(
                tuple("shop", "local", JournalState.INTERRUPTED, true),
                tuple("blog", "edge", JournalState.INTERRUPTED, true));
        assertThat(executed).containsExactlyInAnyOrder("local: restore shop-web-1", "edge: restore blog-web-1");
        assertThat(journal.entry(onLocal).state()).isEqualTo(JournalState.INTERRUPTED);
        assertThat(journal.entry(onEdge).state()).isEqualTo(JournalState.INTERRUPTED);
        assertThat(journal.entries.values()).filteredOn(entry -> entry.trigger().equals(Trigger.RECOVERY.label()))
                .extracting(JournalEntry::app, JournalEntry::target, JournalEntry::state)
                .containsExactlyInAnyOrder(tuple("shop", "local", JournalState.DONE),
                        tuple("blog", "edge", JournalState.DONE));
    }

    @Test
    void aTargetThatCannotBeObservedKeepsItsRolloutsForTheNextPassWhileTheOtherIsRecovered() {
        long onLocal = journal.begin("shop", "rev1", "poll", List.of(), TargetConfig.LOCAL);
        long onEdge = journal.begin("blog", "rev1", "poll", List.of(), "edge");
        engines.put(TargetConfig.LOCAL, leftAside("shop"));
        engines.put("edge", leftAside("blog"));
        down.add("edge");

        RolloutRecovery.Result first = recovery(this::knownTargets).recoverUnfinished();

        assertThat(first.complete()).isFalse();
        assertThat(first.pending()).containsOnlyKeys("edge");
        assertThat(first.pending().get("edge")).contains("cannot observe the target 'edge'");
        assertThat(first.recovered()).extracting(RolloutRecovery.Recovered::app).containsExactly("shop");
        assertThat(executed).containsExactly("local: restore shop-web-1");
        assertThat(journal.entry(onLocal).state()).isEqualTo(JournalState.INTERRUPTED);
        assertThat(journal.entry(onEdge).state()).as("left for later").isEqualTo(JournalState.RUNNING);

        down.clear();
        RolloutRecovery.Result second = recovery(this::knownTargets).recoverUnfinished();

        assertThat(second.complete()).isTrue();
        assertThat(second.recovered()).extracting(RolloutRecovery.Recovered::app).containsExactly("blog");
        assertThat(executed).containsExactly("local: restore shop-web-1", "edge: restore blog-web-1");
        assertThat(journal.entry(onEdge).state()).isEqualTo(JournalState.INTERRUPTED);
    }

    @Test
    void aRolloutOnATargetNoDriftlessYamlDeclaresYetWaitsAndTouchesNoEngine() {
        long onEdge = journal.begin("blog", "rev1", "poll", List.of(), "edge");
        engines.put("edge", leftAside("blog"));

        RolloutRecovery.Result result = recovery(RolloutRecovery.TargetLookup.LOCAL_ONLY).recoverUnfinished();

        assertThat(result.pending()).containsOnlyKeys("edge");
        assertThat(result.recovered()).isEmpty();
        assertThat(executed).isEmpty();
        assertThat(journal.entry(onEdge).state()).isEqualTo(JournalState.RUNNING);
    }

    @Test
    void findsTheTargetByTheRevisionTheRolloutRanAt() {
        journal.begin("blog", "rev7", "poll", List.of(), "edge");
        engines.put("edge", leftAside("blog"));
        List<String> asked = new ArrayList<>();

        recovery((name, revision) -> {
            asked.add(name + "@" + revision);
            return knownTargets(name, revision);
        }).recoverUnfinished();

        assertThat(asked).containsExactly("edge@rev7");
        assertThat(executed).containsExactly("edge: restore blog-web-1");
    }

    private Optional<TargetConfig> knownTargets(String name, String revision) {
        return switch (name) {
            case TargetConfig.LOCAL -> Optional.of(TargetConfig.local());
            case "edge" -> Optional.of(EDGE);
            default -> Optional.empty();
        };
    }

    private RolloutRecovery recovery(RolloutRecovery.TargetLookup lookup) {
        Targets targets = new Targets() {
            @Override
            public TargetObserver observer(TargetConfig target) {
                return () -> {
                    if (down.contains(target.name())) {
                        throw new IllegalStateException("connection refused");
                    }
                    return engines.get(target.name());
                };
            }

            @Override
            public PlanExecutor executor(TargetConfig target) {
                return (plan, log) -> done(target, plan);
            }

            @Override
            public boolean drives(TargetConfig target) {
                return true;
            }
        };
        return new RolloutRecovery(journal, targets, lookup, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(10),
                ReconcileMetrics.NONE);
    }

    private List<AppliedStep> done(TargetConfig target, Plan plan) {
        plan.actions().forEach(action -> executed.add(target.name() + ": " + action.verb() + " " + action.subject()));
        return plan.actions().stream().map(action -> AppliedStep.done(action, Duration.ZERO)).toList();
    }

    /** An engine where the app's only container was renamed aside by a replacement that never finished. */
    private static ObservedTarget leftAside(String app) {
        String name = app + "-web-1-driftless-old";
        return ObservedTarget.of("any", List.of(new ObservedContainer("id-" + name, name, app, "web", 1, "hash",
                "rev1", ContainerState.RUNNING, Map.of(OwnershipLabels.APP, app))), Map.of());
    }

    /** The journal as plain values; a rollout begun here counts as another process's, unfinished until finished. */
    private static final class MemoryJournal implements RolloutJournal {

        private final Map<Long, JournalEntry> entries = new LinkedHashMap<>();

        @Override
        public long begin(String app, String revision, String trigger, List<Action> steps) {
            return begin(app, revision, trigger, steps, TargetConfig.LOCAL);
        }

        @Override
        public long begin(String app, String revision, String trigger, List<Action> steps, String target) {
            long id = entries.size() + 1L;
            entries.put(id, new JournalEntry(id, app, revision, trigger, JournalState.RUNNING, NOW, NOW, "",
                    List.of(), target));
            return id;
        }

        @Override
        public void step(long rollout, int index, JournalState state, String detail) {
        }

        @Override
        public void finish(long rollout, JournalState state, String error) {
            JournalEntry entry = entry(rollout);
            entries.put(rollout, new JournalEntry(entry.id(), entry.app(), entry.revision(), entry.trigger(), state,
                    entry.startedAt(), NOW, error, entry.steps(), entry.target()));
        }

        @Override
        public List<JournalEntry> unfinished() {
            return entries.values().stream().filter(entry -> entry.state() == JournalState.RUNNING).toList();
        }

        @Override
        public List<JournalEntry> recent(String app, int limit) {
            return entries.values().stream().filter(entry -> entry.app().equals(app)).limit(limit).toList();
        }

        JournalEntry entry(long id) {
            return entries.get(id);
        }
    }
}
