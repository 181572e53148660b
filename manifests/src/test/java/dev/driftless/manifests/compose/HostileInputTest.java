package dev.driftless.manifests.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.driftless.manifests.ManifestProblem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Input written to hurt: each is refused with a clear problem, quickly and in little memory. */
class HostileInputTest {

  private static final Duration QUICKLY = Duration.ofSeconds(5);

  private static List<ManifestProblem> problems(String yaml) {
    return assertTimeoutPreemptively(QUICKLY, () -> SafeLoadingTest.problems(yaml));
  }

  /** Anchors {@code a1..aN}, each merging the previous one twice, then a service merging aN. */
  private static String mergeChain(int levels) {
    StringBuilder yaml = new StringBuilder("x-0: &a0 {image: nginx}\n");
    for (int i = 1; i <= levels; i++) {
      yaml.append("x-").append(i).append(": &a").append(i)
          .append(" {<<: [*a").append(i - 1).append(", *a").append(i - 1).append("]}\n");
    }
    return yaml.append("services:\n  web:\n    <<: *a").append(levels)
        .append("\n    imgae: x\n").toString();
  }

  @Test
  void aChainOfMergeKeysDoublingAtEachStepIsRefusedQuickly() {
    assertThat(problems(mergeChain(24))).singleElement().satisfies(problem ->
        assertThat(problem.message()).contains("aliases expand to more than"));
  }

  @Test
  void aShorterChainOfMergeKeysReadsInLinearTime() {
    assertThat(problems(mergeChain(16))).extracting(ManifestProblem::toString)
        .containsExactly("compose.yaml:21:5: unknown key 'imgae' in service 'web' (did you mean "
            + "'image'?)");
  }

  @Test
  void refusesTextThatWasNotUtf8() {
    byte[] latin1 = "services:\n  web:\n    image: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    String decoded = new String(latin1, StandardCharsets.UTF_8);

    assertThat(problems(decoded)).singleElement().satisfies(problem -> {
      assertThat(problem.line()).isEqualTo(3);
      assertThat(problem.column()).isEqualTo(15);
      assertThat(problem.message()).contains("not valid UTF-8");
    });
  }

  @Test
  void refusesBinaryGarbage() {
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);

    assertThat(problems(new String(garbage, StandardCharsets.ISO_8859_1))).isNotEmpty();
    assertThat(problems(new String(garbage, StandardCharsets.UTF_8)))
        .singleElement().satisfies(problem -> assertThat(problem.message()).contains("UTF-8"));
  }

  @Test
  void refusesControlCharactersAndLoneSurrogates() {
    assertThat(problems("services:\n  web:\n    image: a\u0000b\n")).isNotEmpty();
    assertThat(problems("services:\n  web:\n    image: a\uD800b\n")).isNotEmpty();
  }

  @Test
  void refusesDeepFlowNestingWithoutOverflowingTheStack() {
    String deep = "services: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";

    assertThat(problems(deep)).singleElement()
        .satisfies(problem -> assertThat(problem.message()).containsIgnoringCase("nesting"));
  }

  @Test
  void refusesAHugeFileBeforeParsingIt() {
    String huge = "services: {}\n" + "# " + "x".repeat(SafeYaml.MAX_CODE_POINTS) + "\n";

    assertThat(problems(huge)).singleElement().satisfies(problem -> {
      assertThat(problem.line()).isZero();
      assertThat(problem.message()).contains("larger than");
    });
  }

  @Test
  void refusesNestedAliasesThatExpandToAHugeTree() {
    StringBuilder yaml = new StringBuilder("x-0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      yaml.append("x-").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 8; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    yaml.append("services: {web: {image: nginx, command: *a9}}\n");

    assertThat(problems(yaml.toString())).singleElement().satisfies(problem ->
        assertThat(problem.message()).contains("aliases expand to more than"));
  }

  @Test
  void acceptsAnAnchorMergedIntoHundredsOfServices() throws Exception {
    StringBuilder yaml = new StringBuilder("x-common: &common\n  labels: {team: shop}\nservices:\n");
    for (int i = 0; i < 600; i++) {
      yaml.append("  svc").append(i).append(": {<<: *common, image: nginx}\n");
    }

    assertThat(new ComposeReader().read("shop", "compose.yaml", yaml.toString()).services())
        .hasSize(600).allSatisfy(service -> assertThat(service.labels()).containsEntry("team", "shop"));
  }
}
