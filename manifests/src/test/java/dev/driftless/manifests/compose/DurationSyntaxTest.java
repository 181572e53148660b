package dev.driftless.manifests.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationSyntaxTest {

  @ParameterizedTest(name = "{0} = {1} ns")
  @CsvSource({
    "0, 0",
    "+0, 0",
    "10s, 10000000000",
    "1m30s, 90000000000",
    "30s1m, 90000000000",
    "1.5h, 5400000000000",
    "500ms, 500000000",
    "2us, 2000",
    "2\u00b5s, 2000",
    "2\u03bcs, 2000",
    "7ns, 7",
    "1h2m3s4ms5us6ns, 3723004005006",
    ".5s, 500000000",
    "1.s, 1000000000",
    "0.0000000015s, 1",
    "-1.5s, -1500000000",
    "0s, 0",
    "2562047h47m16.854775807s, 9223372036854775807",
  })
  void readsWhatGoTimeParseDurationReads(String text, long nanos) {
    assertThat(DurationSyntax.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"", "s", "10", "1.5", "-", "+", ".s", "1..5s", "1 s", "10sec", "10S",
      "1d", "1h 2m", "2562047h47m16.854775808s", "ten seconds", "1e3s"})
  void refusesWhatGoRefuses(String text) {
    assertThatThrownBy(() -> DurationSyntax.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @org.junit.jupiter.api.Test
  void aNumberWithoutUnitIsToldWhichUnitsExist() {
    assertThatThrownBy(() -> DurationSyntax.parse("30"))
        .hasMessageContaining("missing a unit")
        .hasMessageContaining("ms, s, m or h");
  }
}
