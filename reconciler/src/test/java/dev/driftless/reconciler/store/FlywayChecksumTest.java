package dev.driftless.reconciler.store;

import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.flywaydb.core.internal.resource.StringResource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Our checksum is Flyway's own, computed by Flyway's class (test scope only) on the same text. */
class FlywayChecksumTest {

    private static int flyways(String text) {
        return ChecksumCalculator.calculate(new StringResource(text));
    }

    @Test
    void equalsFlywaysForEveryBundledScript() {
        for (MigrationScript script : BundledMigrations.load(getClass().getClassLoader())) {
            assertThat(script.checksum()).as(script.migration().script()).isEqualTo(flyways(script.text()));
        }
    }

    @Test
    void equalsFlywaysForLineEndingsAByteOrderMarkAndNonAsciiText() {
        for (String text : List.of("", "\n", "a\r\nb\r\n", "a\nb", "\uFEFFSELECT 1;\n", "-- café ☕\nSELECT 'ü';",
                "x\r\r\ny", "\uFEFF")) {
            assertThat(FlywayChecksum.of(text)).as(text).isEqualTo(flyways(text));
        }
    }

    @Test
    void ignoresLineEndingsButNotContent() {
        assertThat(FlywayChecksum.of("a\r\nb")).isEqualTo(FlywayChecksum.of("a\nb"));
        assertThat(FlywayChecksum.of("a\nb")).isNotEqualTo(FlywayChecksum.of("a\nb "));
    }
}
