package dev.driftless.reconciler.parity;

import dev.driftless.reconciler.testing.ComposeParity;
import dev.driftless.reconciler.testing.TestEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Compose file under {@code src/test/resources/parity/} brought up by {@code docker-compose}
 * 1.29 and by Driftless: {@code docker inspect} must agree field by field, and the fields a file
 * lists under its {@code x-expect} extension ({@code container: {dotted.path: value}}) must have
 * those values in both, so that a key neither tool honoured cannot pass unnoticed.
 *
 * <p>A file's own {@code .env} is {@code <file>.env} next to it, when present. In expected values,
 * {@code ${PARITY_PREFIX}} stands for the test prefix the harness puts in every {@code .env}. A
 * file with {@code x-parity-start-may-fail: true} is compared even if this engine cannot start its
 * containers. {@code -Dparity.only=REGEX} runs only the files whose name matches.
 */
class ComposeParityIT extends ParitySuite {

    static Stream<Path> corpus() {
        return ComposeParity.corpus("/parity");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void dockerComposeAndDriftlessMakeTheSameContainers(Path file) throws IOException {
        String text = Files.readString(file);
        String name = file.getFileName().toString().replaceAll("\\.yaml$", "").replaceAll("[^a-z0-9]", "");
        Path env = file.resolveSibling(file.getFileName().toString().replaceAll("\\.yaml$", ".env"));
        Map<String, String> extra = Files.exists(env) ? Map.of(".env", Files.readString(env)) : Map.of();

        ComposeParity.Outcome outcome = ComposeParity.on(engine, work).compare(name, text, extra,
                text.contains("x-parity-start-may-fail: true"));

        assertThat(outcome.dockerCompose()).as("docker-compose made containers").isNotEmpty();
        assertThat(outcome.differences()).as("differences between docker-compose and Driftless").isEmpty();
        expectations(text).forEach((container, fields) -> fields.forEach((path, value) -> {
            String expected = String.valueOf(value).replace("${PARITY_PREFIX}", TestEngine.APP_PREFIX);
            assertThat(outcome.composeValue(container, path)).as("docker-compose " + container + " " + path)
                    .isEqualTo(expected);
            assertThat(outcome.driftlessValue(container, path)).as("Driftless " + container + " " + path)
                    .isEqualTo(expected);
        }));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> expectations(String text) {
        Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        Object expect = document.get("x-expect");
        return expect == null ? Map.of() : (Map<String, Map<String, Object>>) expect;
    }

}
