package dev.driftless.reconciler.engine;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The result of one reconcile of a source: the revision it read (absent when the source could not
 * be read) and one outcome per app.
 *
 * @param withoutContainers the apps reconciled that had no container at all on the target once the
 *     reconcile ended (their health is {@code Missing}); empty when the target could not be looked at
 */
public record ReconcileReport(Optional<Snapshot> snapshot, List<AppOutcome> outcomes, Optional<String> sourceError,
        Set<String> withoutContainers) {

    public ReconcileReport {
        outcomes = List.copyOf(outcomes);
        withoutContainers = Set.copyOf(withoutContainers);
    }

    public ReconcileReport(Optional<Snapshot> snapshot, List<AppOutcome> outcomes, Optional<String> sourceError) {
        this(snapshot, outcomes, sourceError, Set.of());
    }

    public boolean failed() {
        return sourceError.isPresent() || outcomes.stream().anyMatch(outcome -> outcome.result().equals("failed"));
    }
}
