package dev.driftless.reconciler.metrics;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The example alert rules users copy are valid for Prometheus, and name only documented series. */
class AlertRulesTest {

    private static final Path RULES = Path.of("..", "docs", "prometheus", "driftless-alerts.yml");
    private static final Path METRICS_DOC = Path.of("..", "docs", "metrics.md");

    @Test
    void promtoolAcceptsTheExampleRules() throws Exception {
        Optional<Path> promtool = Stream.of("/usr/bin/promtool", "/usr/local/bin/promtool").map(Path::of)
                .filter(Files::isExecutable).findFirst();
        if (promtool.isEmpty()) {
            assertThat(System.getenv("CI")).as("promtool (Debian package prometheus) must be installed under CI")
                    .isNotEqualToIgnoringCase("true");
            Assumptions.abort("promtool is not installed; scripts/host-setup.sh installs it");
        }

        Process check = new ProcessBuilder(promtool.get().toString(), "check", "rules", RULES.toString())
                .redirectErrorStream(true).start();
        String verdict = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(check.waitFor()).as(verdict).isZero();
        assertThat(verdict).contains("SUCCESS: 7 rules found");
    }

    @Test
    void everySeriesTheRulesUseIsDocumented() throws Exception {
        String rules = Files.readString(RULES);
        String documented = Files.readString(METRICS_DOC);
        Matcher series = Pattern.compile("driftless_[a-z_]+").matcher(rules);
        int found = 0;
        while (series.find()) {
            found++;
            assertThat(documented).as("docs/metrics.md documents %s", series.group()).contains(series.group());
        }
        assertThat(found).isPositive();
    }
}
