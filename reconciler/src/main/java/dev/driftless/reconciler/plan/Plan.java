package dev.driftless.reconciler.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ordered steps that turn what runs into what the revision says, for one app. An empty plan
 * means the app is in sync; {@code warnings} say what the planner deliberately did not do.
 */
public record Plan(String app, String revision, List<Action> actions, List<String> warnings, String source) {

    public Plan {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(source, "source");
        actions = List.copyOf(actions);
        warnings = List.copyOf(warnings);
    }

    /** A plan whose source is not known: what it creates can be pruned by any source. */
    public Plan(String app, String revision, List<Action> actions, List<String> warnings) {
        this(app, revision, actions, warnings, "");
    }

    /** This plan, its containers labelled as deployed from repository {@code repo}. */
    public Plan from(String repo) {
        return new Plan(app, revision, actions, warnings, repo);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /**
     * The steps grouped into waves: consecutive steps of one phase. Steps of a wave are
     * independent and may run in parallel; each wave waits for the one before.
     */
    public List<List<Action>> waves() {
        List<List<Action>> waves = new ArrayList<>();
        Action.Phase current = null;
        for (Action action : actions) {
            if (action.phase() != current) {
                waves.add(new ArrayList<>());
                current = action.phase();
            }
            waves.get(waves.size() - 1).add(action);
        }
        return waves.stream().map(List::copyOf).toList();
    }

    public long count(Action.Change change) {
        return actions.stream().filter(action -> action.change() == change).count();
    }

    /** "2 to add, 1 to change, 0 to remove", as terraform summarises. */
    public String summary() {
        return count(Action.Change.ADD) + " to add, " + count(Action.Change.CHANGE) + " to change, "
                + count(Action.Change.REMOVE) + " to remove";
    }
}
