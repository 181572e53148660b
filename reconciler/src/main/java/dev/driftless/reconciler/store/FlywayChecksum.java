package dev.driftless.reconciler.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksum Flyway writes for an SQL migration, computed the same way, so that the rows of a
 * store Flyway migrated are checked against the bundled files, and Flyway accepts our rows: a
 * CRC32 over each line's UTF-8 bytes without its line ending (so CRLF and LF give the same
 * value), a byte-order mark dropped from the first line, cast to {@code int}.
 */
public final class FlywayChecksum {

    private static final char BOM = '\uFEFF';

    private FlywayChecksum() {
    }

    /** The checksum of a script's text. */
    public static int of(String text) {
        CRC32 crc = new CRC32();
        try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
            String line = lines.readLine();
            if (line != null && !line.isEmpty() && line.charAt(0) == BOM) {
                line = line.substring(1);
            }
            while (line != null) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
                line = lines.readLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a string cannot fail to read", e);
        }
        return (int) crc.getValue();
    }
}
