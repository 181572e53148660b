package dev.driftless.reconciler.engine;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The result of one reconcile of a source: the revision it read (absent when the source could not
 * be read) and one outcome per app.
 *
 * @param outcomes one outcome per app, the worst of its targets'
 * @param withoutContainers the apps reconciled that had no container at all on the target once the
 *     reconcile ended (their health is {@code Missing}); empty when the target could not be looked at
 * @param byTarget each planned app's outcome on each target it was planned on, by app then target
 *     name: what a one-shot {@code apply} reports target by target
 */
public record ReconcileReport(Optional<Snapshot> snapshot, List<AppOutcome> outcomes, Optional<String> sourceError,
        Set<String> withoutContainers, Map<String, Map<String, AppOutcome>> byTarget) {

    public ReconcileReport {
        outcomes = List.copyOf(outcomes);
        withoutContainers = Set.copyOf(withoutContainers);
        Map<String, Map<String, AppOutcome>> copy = new TreeMap<>();
        byTarget.forEach((app, perTarget) -> copy.put(app, Collections.unmodifiableMap(new TreeMap<>(perTarget))));
        byTarget = Collections.unmodifiableMap(copy);
    }

    public ReconcileReport(Optional<Snapshot> snapshot, List<AppOutcome> outcomes, Optional<String> sourceError,
            Set<String> withoutContainers) {
        this(snapshot, outcomes, sourceError, withoutContainers, Map.of());
    }

    public ReconcileReport(Optional<Snapshot> snapshot, List<AppOutcome> outcomes, Optional<String> sourceError) {
        this(snapshot, outcomes, sourceError, Set.of());
    }

    public boolean failed() {
        return sourceError.isPresent() || outcomes.stream().anyMatch(outcome -> outcome.result().equals("failed"));
    }
}
