package dev.driftless.providers.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemanticVersionTest {

    @Test
    void versionsAreOrderedAsTheSpecificationsExampleOrdersThem() {
        // The example list of Semantic Versioning 2.0.0, section 11, shuffled and sorted back.
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.9.0", "1.10.0", "1.11.0", "2.0.0",
                "2.1.0", "2.1.1", "10.0.0");

        List<String> sorted = Stream.of("2.1.1", "1.0.0-rc.1", "1.10.0", "1.0.0-beta.11", "10.0.0", "1.0.0",
                        "1.0.0-alpha.beta", "2.0.0", "1.0.0-alpha", "1.9.0", "1.0.0-beta.2", "2.1.0", "1.0.0-alpha.1",
                        "1.11.0", "1.0.0-beta")
                .map(text -> SemanticVersion.parse(text).orElseThrow())
                .sorted()
                .map(SemanticVersion::toString)
                .toList();

        assertThat(sorted).containsExactlyElementsOf(ordered);
    }

    @ParameterizedTest
    @CsvSource({
        "1.10.0, 1.9.0",
        "1.0.0, 1.0.0-rc.1",
        "1.0.0-rc.10, 1.0.0-rc.9",
        "1.0.0-rc.a, 1.0.0-rc.99",
        "1.0.0-alpha.1, 1.0.0-alpha",
        "18446744073709551616.0.0, 18446744073709551615.0.0",
        "0.0.2, 0.0.1",
    })
    void theFirstIsNewer(String newer, String older) {
        assertThat(SemanticVersion.parse(newer).orElseThrow().comparePrecedence(SemanticVersion.parse(older).orElseThrow()))
                .isPositive();
    }

    @Test
    void buildMetadataHasNoPrecedenceButStillOrdersTheVersionsTotally() {
        SemanticVersion a = SemanticVersion.parse("1.0.0+build.1").orElseThrow();
        SemanticVersion b = SemanticVersion.parse("1.0.0+build.2").orElseThrow();

        assertThat(a.comparePrecedence(b)).isZero();
        assertThat(Stream.of(b, a).sorted(Comparator.naturalOrder())).containsExactly(a, b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1.2.3", "V1.2.3", "1.2.3"})
    void aLeadingVIsAllowed(String text) {
        assertThat(SemanticVersion.parse(text)).map(SemanticVersion::toString).contains("1.2.3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2", "1", "1.2.3.4", "01.2.3", "1.02.3", "1.2.03", "1.2.3-01", "1.2.3-", "1.2.3+",
        "1.2.3-rc..1", "latest", "v", "", "1.2.3 ", "vv1.2.3", "1.2.3-rc_1"})
    void whatIsNotASemanticVersionIsNotParsed(String text) {
        assertThat(SemanticVersion.parse(text)).isEmpty();
    }
}
