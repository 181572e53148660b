package dev.driftless.manifests.compose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InterpolationTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "plain        | plain",
      "$$           | $",
      "$$HOME       | $HOME",
      "a$$b$$$$c    | a$b$$c",
      "''           | ''"})
  void unescapesDoubleDollars(String raw, String literal) {
    assertThat(Interpolation.literal(raw)).contains(literal);
  }

  @ParameterizedTest
  @ValueSource(strings = {"$HOME", "${TAG}", "${TAG:-latest}", "cost $", "$$$X", "a$"})
  void refusesAnyOtherDollar(String raw) {
    assertThat(Interpolation.literal(raw)).isEmpty();
  }
}
