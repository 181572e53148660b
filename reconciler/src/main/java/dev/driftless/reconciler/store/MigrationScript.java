package dev.driftless.reconciler.store;

import java.util.Objects;

/**
 * A bundled migration with its text, as read from the jar.
 *
 * @param migration its version, description and file name
 * @param text      the script's text, decoded as UTF-8
 */
public record MigrationScript(Migration migration, String text) {

    public MigrationScript {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(text, "text");
    }

    /** The checksum Flyway would write for this script. */
    public int checksum() {
        return FlywayChecksum.of(text);
    }
}
