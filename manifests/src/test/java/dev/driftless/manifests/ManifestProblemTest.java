package dev.driftless.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestProblemTest {

  @Test
  void printsLikeACompilerWithLineAndColumn() {
    assertThat(new ManifestProblem("hello/compose.yaml", 3, 5, "bad").toString())
        .isEqualTo("hello/compose.yaml:3:5: bad");
  }

  @Test
  void leavesOutWhatIsUnknown() {
    assertThat(new ManifestProblem("a.yaml", 3, 0, "bad")).hasToString("a.yaml:3: bad");
    assertThat(ManifestProblem.inFile("a.yaml", "bad")).hasToString("a.yaml: bad");
  }

  @Test
  void refusesAColumnWithoutALineAndNegativePositions() {
    assertThatThrownBy(() -> new ManifestProblem("a", 0, 2, "m"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ManifestProblem("a", -1, 0, "m"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exceptionMessageListsEveryProblemOnePerLine() {
    ManifestException e = new ManifestException(List.of(
        new ManifestProblem("a.yaml", 1, 2, "first"), new ManifestProblem("a.yaml", 4, 1, "second")));

    assertThat(e.getMessage()).isEqualTo("a.yaml:1:2: first\na.yaml:4:1: second");
    assertThat(e.problems()).hasSize(2);
  }

  @Test
  void exceptionNeedsAtLeastOneProblem() {
    assertThatThrownBy(() -> new ManifestException(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
