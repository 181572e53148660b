package dev.driftless.reconciler.docker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Version;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiVersionNegotiationTest {

    @ParameterizedTest(name = "Docker {0} serving up to {1} (min {2}) is spoken to in {3}")
    @CsvSource({
            "20.10, 1.41, 1.12, 1.41",
            "25.0,  1.44, 1.24, 1.44",
            "27.3,  1.47, 1.24, 1.44",
            "29.0,  1.52, 1.44, 1.44"})
    void negotiatesTheNewestVersionBothSidesKnowFromRecordedVersionAnswers(String engine, String max, String min,
            String expected) throws IOException {
        EngineFacts facts = EngineFacts.fromVersion(recordedVersion(engine));

        assertThat(facts.maxApiVersion()).isEqualTo(ApiVersion.parse(max));
        assertThat(facts.minApiVersion()).contains(ApiVersion.parse(min));
        assertThat(ApiVersionNegotiation.negotiate(facts)).isEqualTo(ApiVersion.parse(expected));
    }

    @ParameterizedTest(name = "a ping from Docker {0} says it serves up to {1}")
    @CsvSource({
            "20.10, 1.41, 20.10.24+dfsg1",
            "25.0,  1.44, 25.0.5",
            "27.3,  1.47, 27.3.1",
            "29.0,  1.52, 29.0.0"})
    void readsTheNewestVersionAndReleaseFromRecordedPingHeaders(String engine, String max, String release)
            throws IOException {
        EngineFacts facts = EngineFacts.fromPingHeaders(recordedPingHeaders(engine));

        assertThat(facts.maxApiVersion()).isEqualTo(ApiVersion.parse(max));
        assertThat(facts.engineVersion()).isEqualTo(release);
        assertThat(facts.minApiVersion()).isEmpty();
    }

    @Test
    void neverSpeaksBelowDocker29sMinimumWhichRefusesOlderClients() throws IOException {
        String refusal = resource("29.0/too-old-client.json");
        EngineFacts docker29 = EngineFacts.fromVersion(recordedVersion("29.0"));

        ApiVersion chosen = ApiVersionNegotiation.negotiate(docker29);

        assertThat(refusal).contains("Minimum supported API version is 1.44");
        assertThat(chosen).isGreaterThanOrEqualTo(docker29.minApiVersion().orElseThrow());
    }

    @Nested
    class WhenTheRangesDoNotMeet {

        @Test
        void anEngineOlderThanDocker1903IsRefusedWithBothRangesNamed() {
            EngineFacts ancient = new EngineFacts("18.09.9", ApiVersion.parse("1.39"), Optional.of(ApiVersion.parse("1.12")));

            assertThatThrownBy(() -> ApiVersionNegotiation.negotiate(ancient))
                    .isInstanceOf(EngineUnsupportedException.class)
                    .hasMessageContaining("18.09.9")
                    .hasMessageContaining("1.39")
                    .hasMessageContaining("at least 1.40");
        }

        @Test
        void anEngineWhoseMinimumIsAboveWhatDriftlessSpeaksAsksForADriftlessUpgrade() {
            EngineFacts future = new EngineFacts("35.0.0", ApiVersion.parse("1.60"), Optional.of(ApiVersion.parse("1.50")));

            assertThatThrownBy(() -> ApiVersionNegotiation.negotiate(future))
                    .isInstanceOf(EngineUnsupportedException.class)
                    .hasMessageContaining("1.50 to 1.60")
                    .hasMessageContaining("upgrade Driftless");
        }
    }

    @Nested
    class ApiVersionValues {

        @Test
        void compareNumericallyNotAsText() {
            assertThat(ApiVersion.parse("1.9")).isLessThan(ApiVersion.parse("1.41"));
        }

        @Test
        void acceptTheLeadingVOfRequestPaths() {
            assertThat(ApiVersion.parse("v1.44")).isEqualTo(new ApiVersion(1, 44));
        }

        @Test
        void refuseWhatIsNoVersion() {
            assertThatThrownBy(() -> ApiVersion.parse("latest")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("latest");
        }
    }

    private static Version recordedVersion(String engine) throws IOException {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(resource(engine + "/version.json"), Version.class);
    }

    private static Map<String, String> recordedPingHeaders(String engine) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = resource(engine + "/ping.txt").split("\n");
        assertThat(lines[0]).startsWith("HTTP/1.1 200");
        for (int i = 1; i < lines.length; i++) {
            String[] header = lines[i].split(":", 2);
            headers.put(header[0].trim(), header[1].trim());
        }
        return headers;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = ApiVersionNegotiationTest.class.getResourceAsStream("/engines/" + path)) {
            assertThat(in).as("recorded answer " + path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
