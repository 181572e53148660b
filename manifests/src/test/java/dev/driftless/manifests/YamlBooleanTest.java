package dev.driftless.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YamlBooleanTest {

  @ParameterizedTest
  @ValueSource(strings = {"true", "True", "TRUE"})
  void theThreeSpellingsOfTrueAreTrue(String text) {
    assertThat(YamlBoolean.parse(text)).contains(true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "False", "FALSE"})
  void theThreeSpellingsOfFalseAreFalse(String text) {
    assertThat(YamlBoolean.parse(text)).contains(false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "no", "on", "off", "y", "n", "tRUE", "1", "0", "", " true"})
  void yaml11WordsAndOtherSpellingsAreNotBooleans(String text) {
    assertThat(YamlBoolean.parse(text)).isEmpty();
  }
}
