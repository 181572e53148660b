package dev.driftless.manifests.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeSyntaxTest {

  @ParameterizedTest(name = "{0} = {1} bytes")
  @CsvSource({
    "0, 0",
    "1048576, 1048576",
    "100b, 100",
    "100B, 100",
    "1024k, 1048576",
    "1024K, 1048576",
    "512m, 536870912",
    "512M, 536870912",
    "1g, 1073741824",
    "2gb, 2147483648",
    "2GB, 2147483648",
    "1.5g, 1610612736",
    "1GiB, 1073741824",
    "1 g, 1073741824",
    "64kb, 65536",
    "1t, 1099511627776",
    "1p, 1125899906842624",
    "0.5k, 512",
    "1.0001k, 1024",
  })
  void readsWhatDockersRamInBytesReads(String text, long bytes) {
    assertThat(ByteSizeSyntax.parse(text)).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"", "m", "-1m", "1x", "1mm", "1.5.5m", "1  m", " 1m", "1m ", "1e6",
      "one gig", "1gbb", "8192p"})
  void refusesWhatDockerRefuses(String text) {
    assertThatThrownBy(() -> ByteSizeSyntax.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }
}
