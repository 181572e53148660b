package dev.driftless.reconciler.engine;

import java.util.List;
import java.util.Optional;

/**
 * The result of one reconcile of a source: the revision it read (absent when the source could not
 * be read) and one outcome per app.
 */
public record ReconcileReport(Optional<Snapshot> snapshot, List<AppOutcome> outcomes, Optional<String> sourceError) {

    public ReconcileReport {
        outcomes = List.copyOf(outcomes);
    }

    public boolean failed() {
        return sourceError.isPresent() || outcomes.stream().anyMatch(outcome -> outcome.result().equals("failed"));
    }
}
