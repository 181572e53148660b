package dev.driftless.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

  private static final List<String> KEYS =
      List.of("image", "ports", "labels", "environment", "command", "entrypoint", "expose");

  @ParameterizedTest
  @CsvSource({
    "prots, ports", "imgae, image", "imagee, image", "enviroment, environment",
    "lables, labels", "Ports, ports", "comand, command", "entrypiont, entrypoint"
  })
  void suggestsTheKeyATypoWasMeantToBe(String typed, String meant) {
    assertThat(Suggestions.closest(typed, KEYS)).contains(meant);
  }

  @Test
  void suggestsNothingForAWordThatIsNotATypo() {
    assertThat(Suggestions.closest("volumes", KEYS)).isEmpty();
    assertThat(Suggestions.closest("x", KEYS)).isEmpty();
    assertThat(Suggestions.didYouMean("replicas", KEYS)).isEmpty();
  }

  @Test
  void countsASwapOfNeighboursAsOneEdit() {
    assertThat(Suggestions.distance("prots", "ports", 9)).isEqualTo(1);
    assertThat(Suggestions.distance("abc", "abc", 9)).isZero();
    assertThat(Suggestions.distance("kitten", "sitting", 9)).isEqualTo(3);
  }

  @Test
  void saysDidYouMeanInTheMessageForm() {
    assertThat(Suggestions.didYouMean("prots", KEYS)).isEqualTo(" (did you mean 'ports'?)");
  }
}
