package dev.driftless.reconciler.plan;

import java.util.List;
import java.util.Objects;

/**
 * The ordered steps that turn what runs into what the revision says, for one app. An empty plan
 * means the app is in sync; {@code warnings} say what the planner deliberately did not do.
 */
public record Plan(String app, String revision, List<Action> actions, List<String> warnings) {

    public Plan {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(revision, "revision");
        actions = List.copyOf(actions);
        warnings = List.copyOf(warnings);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
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
