package dev.driftless.reconciler.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The migrations this version of Driftless ships, listed by name rather than found by scanning the
 * classpath: a scan of the fat jar's ~15,000 entries cost Flyway most of its second at start.
 * A new migration goes under {@code src/main/resources/db/migration/} <em>and</em> at the end of
 * {@link #FILES}; {@code BundledMigrationsTest} fails while the two disagree.
 */
public final class BundledMigrations {

    /** Where the scripts are, on the classpath (Flyway's default location, kept for interop). */
    public static final String LOCATION = "db/migration/";

    /** Every bundled script, in the order it is applied. */
    public static final List<String> FILES = List.of(
            "V1__rollout_history.sql",
            "V2__app_setting.sql",
            "V3__app_pinned_revision.sql",
            "V4__rollout_journal.sql",
            "V10__webhook_delivery_and_trigger.sql",
            "V11__leader_lease_and_fencing_log.sql",
            "V12__app_status.sql",
            "V13__rollout_target.sql",
            "V14__app_status_health_and_retry.sql");

    private BundledMigrations() {
    }

    /**
     * Reads every listed script from {@code loader}.
     *
     * @throws StoreMigrationException when a listed script is not on the classpath
     */
    public static List<MigrationScript> load(ClassLoader loader) {
        return FILES.stream().map(name -> read(loader, name)).toList();
    }

    private static MigrationScript read(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(LOCATION + name)) {
            if (in == null) {
                throw new StoreMigrationException("bundled migration " + LOCATION + name
                        + " is missing from the classpath");
            }
            return new MigrationScript(Migration.named(name), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + LOCATION + name, e);
        }
    }
}
