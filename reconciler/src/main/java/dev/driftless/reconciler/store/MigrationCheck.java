package dev.driftless.reconciler.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares the bundled scripts with the store's history before anything runs, with Flyway's
 * default rules, so that a store is never migrated from a state nobody can reason about: an
 * edited applied script, a failed former run, or a gap is refused with the script named. Versions
 * the store has but this jar does not (a newer Driftless migrated it) are allowed and reported,
 * as Flyway's default {@code ignoreMigrationPatterns=*:future} does, so that an older instance in
 * a rolling upgrade still starts. Pure: no database.
 */
public final class MigrationCheck {

    private MigrationCheck() {
    }

    /**
     * What is left to do.
     *
     * @param pending the bundled scripts not yet applied, in version order
     * @param future  applied versions newer than every bundled one
     */
    public record Outcome(List<MigrationScript> pending, List<AppliedMigration> future) {

        public Outcome {
            pending = List.copyOf(Objects.requireNonNull(pending, "pending"));
            future = List.copyOf(Objects.requireNonNull(future, "future"));
        }
    }

    /**
     * Checks {@code applied} (the history rows, any order) against {@code bundled}.
     *
     * @throws StoreMigrationException naming the first script that makes the store untrustworthy
     */
    public static Outcome check(List<MigrationScript> bundled, List<AppliedMigration> applied) {
        List<AppliedMigration> scripts = applied.stream().filter(AppliedMigration::isSqlScript)
                .sorted(Comparator.comparingInt(AppliedMigration::rank)).toList();
        for (AppliedMigration row : scripts) {
            if (!row.success()) {
                throw new StoreMigrationException("migration " + row.script() + " (version " + row.version()
                        + ") failed part-way on an earlier start and may have left some of its changes. Repair by hand:"
                        + " finish or undo what it did (compare the store with the script), then delete its row"
                        + " (installed_rank " + row.rank() + ") from \"flyway_schema_history\" and start again");
            }
        }
        Map<String, MigrationScript> byVersion = new HashMap<>();
        for (MigrationScript script : bundled) {
            byVersion.put(script.migration().version(), script);
        }
        String newestBundled = bundled.stream().map(s -> s.migration().version())
                .max(Migration::compareVersions).orElse("0");
        Map<String, AppliedMigration> appliedByVersion = new HashMap<>();
        List<AppliedMigration> future = new ArrayList<>();
        for (AppliedMigration row : scripts) {
            appliedByVersion.put(normal(row.version()), row);
            MigrationScript script = byVersion.get(normal(row.version()));
            if (script == null) {
                if (Migration.compareVersions(row.version(), newestBundled) > 0) {
                    future.add(row);
                    continue;
                }
                throw new StoreMigrationException("migration " + row.script() + " (version " + row.version()
                        + ") was applied to the store but is not bundled with this Driftless: it was removed or"
                        + " renamed after it ran; restore it under db/migration/ and in BundledMigrations.FILES");
            }
            int expected = script.checksum();
            if (row.checksum() == null || row.checksum() != expected) {
                throw new StoreMigrationException("migration " + script.migration().script() + " was edited after it"
                        + " was applied: the store recorded checksum " + row.checksum() + ", the bundled file has "
                        + expected + ". Never edit an applied migration; restore it and add a new V<n>__ script");
            }
            if (!script.migration().description().equals(row.description())) {
                throw new StoreMigrationException("migration " + script.migration().script() + " was renamed after it"
                        + " was applied: the store recorded it as '" + row.script() + "'");
            }
        }
        String newestApplied = scripts.stream().map(AppliedMigration::version)
                .max(Migration::compareVersions).orElse("0");
        List<MigrationScript> pending = new ArrayList<>();
        for (MigrationScript script : bundled.stream().sorted(Comparator.comparing(
                (MigrationScript s) -> s.migration().version(), Migration::compareVersions)).toList()) {
            if (appliedByVersion.containsKey(script.migration().version())) {
                continue;
            }
            if (Migration.compareVersions(script.migration().version(), newestApplied) < 0) {
                throw new StoreMigrationException("migration " + script.migration().script() + " is older than version "
                        + newestApplied + ", which the store already has, but was never applied (out of order):"
                        + " give it a version above " + newestApplied);
            }
            pending.add(script);
        }
        return new Outcome(pending, future);
    }

    /** "011" and "11" are one version to Flyway. */
    private static String normal(String version) {
        return version.replaceFirst("^0+(?=\\d)", "");
    }
}
