package dev.driftless.reconciler.testing;

import dev.driftless.reconciler.engine.RolloutEntry;
import dev.driftless.reconciler.engine.RolloutHistory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** History kept in memory, for tests of the reconciler that do not need the store. */
public final class RecordingHistory implements RolloutHistory {

    private final List<RolloutEntry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void record(RolloutEntry entry) {
        entries.add(entry);
    }

    public List<RolloutEntry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public Optional<RolloutEntry> last(String app) {
        return entries.stream().filter(entry -> entry.app().equals(app)).reduce((first, second) -> second);
    }
}
