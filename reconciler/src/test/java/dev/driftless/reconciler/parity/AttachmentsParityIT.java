package dev.driftless.reconciler.parity;

import dev.driftless.reconciler.testing.ComposeParity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Volumes, bind mounts, tmpfs, networks, network modes, secrets and configs: every file under
 * {@code src/test/resources/parity-attach/} brought up by {@code docker-compose} 1.29 and by
 * Driftless must give containers whose {@code docker inspect} agrees, and the fields under the
 * file's {@code x-expect} must hold in both. A file's {@code x-files} (path: content) are written
 * next to it for both tools: the repo files it binds.
 *
 * <p>Deliberate differences, documented in {@code docs/compose-support.md}, are left
 * out of the comparison: how each tool asks the engine for a mount ({@code HostConfig.Binds},
 * {@code HostConfig.Mounts}, {@code Config.Volumes}, and so {@code Mounts[].Mode}), a mount's host
 * source (Driftless binds its own copy of a repo file; host paths are checked through
 * {@code x-expect}) and an anonymous volume's random name (named ones through {@code x-expect}).
 */
class AttachmentsParityIT extends ParitySuite {

    static Stream<Path> corpus() {
        return ComposeParity.corpus("/parity-attach");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void dockerComposeAndDriftlessAttachTheSameThings(Path file) throws IOException {
        String text = Files.readString(file);
        String name = file.getFileName().toString().replaceAll("\\.yaml$", "").replaceAll("[^a-z0-9]", "");
        Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);

        ComposeParity.Outcome outcome = ComposeParity.on(engine, work)
                .ignoring("HostConfig\\.(Binds|Mounts)(\\[.*|\\..*)?")
                .ignoring("Config\\.Volumes(\\..*)?")
                .ignoring("Mounts\\[\\d+\\]\\.(Mode|Source|Name)")
                .compare("at" + name, text, files(document));

        assertThat(outcome.dockerCompose()).as("docker-compose made containers").isNotEmpty();
        assertThat(outcome.differences()).as("differences between docker-compose and Driftless").isEmpty();
        expectations(document).forEach((container, fields) -> fields.forEach((path, value) -> {
            assertThat(raw(outcome, container, path, true)).as("docker-compose " + container + " " + path)
                    .isEqualTo(String.valueOf(value));
            assertThat(raw(outcome, container, path, false)).as("Driftless " + container + " " + path)
                    .isEqualTo(String.valueOf(value));
        }));
    }

    /** A field's value as one tool made it. */
    private static String raw(ComposeParity.Outcome outcome, String container, String path, boolean compose) {
        return compose ? outcome.composeValue(container, path) : outcome.driftlessValue(container, path);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> files(Map<String, Object> document) {
        Map<String, String> files = new LinkedHashMap<>();
        Object declared = document.get("x-files");
        if (declared != null) {
            ((Map<String, Object>) declared).forEach((path, content) -> files.put(path, String.valueOf(content)));
        }
        return files;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> expectations(Map<String, Object> document) {
        Object expect = document.get("x-expect");
        return expect == null ? Map.of() : (Map<String, Map<String, Object>>) expect;
    }
}
