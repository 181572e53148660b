package dev.driftless.reconciler.engine;

import java.util.Optional;

/** The durable record of what each reconcile did, kept by the daemon's store. */
public interface RolloutHistory {

    RolloutHistory NONE = new RolloutHistory() {
        @Override
        public void record(RolloutEntry entry) {
        }

        @Override
        public Optional<RolloutEntry> last(String app) {
            return Optional.empty();
        }
    };

    void record(RolloutEntry entry);

    /** The app's newest record, to tell news from a poll that found the same state again. */
    Optional<RolloutEntry> last(String app);

    /** The app's newest record on {@code target}. */
    default Optional<RolloutEntry> last(String app, String target) {
        return last(app).filter(entry -> entry.target().equals(target));
    }
}
