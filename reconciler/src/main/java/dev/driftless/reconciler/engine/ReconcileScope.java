package dev.driftless.reconciler.engine;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which apps of a source a reconcile looks at: all of them (a poll, the start, an API call for the
 * whole source), or those a push touched. Only a reconcile of every app may remove an app that left
 * the repo, since only it weighs the whole revision.
 */
public sealed interface ReconcileScope {

    ReconcileScope ALL = new All();

    static ReconcileScope apps(Set<String> names) {
        return names.isEmpty() ? new Apps(Set.of()) : new Apps(names);
    }

    boolean includes(String app);

    /** Both scopes' apps: what one reconcile must cover when two triggers are merged. */
    ReconcileScope union(ReconcileScope other);

    /** Every app of the source. */
    record All() implements ReconcileScope {
        @Override
        public boolean includes(String app) {
            return true;
        }

        @Override
        public ReconcileScope union(ReconcileScope other) {
            return this;
        }

        @Override
        public String toString() {
            return "all apps";
        }
    }

    /** Just these apps. */
    record Apps(Set<String> names) implements ReconcileScope {
        public Apps {
            names = Set.copyOf(new TreeSet<>(names));
        }

        @Override
        public boolean includes(String app) {
            return names.contains(app);
        }

        @Override
        public ReconcileScope union(ReconcileScope other) {
            if (other instanceof Apps apps) {
                Set<String> both = new TreeSet<>(names);
                both.addAll(apps.names());
                return new Apps(both);
            }
            return other;
        }

        @Override
        public String toString() {
            return String.join(", ", new TreeSet<>(names));
        }
    }
}
