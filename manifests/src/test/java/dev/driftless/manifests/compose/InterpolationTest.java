package dev.driftless.manifests.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InterpolationTest {

  /** SET is set, EMPTY is set to "", UNSET is not set. */
  private static final Interpolation VARIABLES =
      new Interpolation(Map.of("SET", "value", "EMPTY", "", "B", "bee", "Mixed_Case9", "m"));

  private static String apply(String template) throws Interpolation.InvalidTemplate {
    return VARIABLES.apply(template, name -> { });
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "plain                   | plain",
      "''                      | ''",
      "$SET                    | value",
      "${SET}                  | value",
      "a$SET.b                 | avalue.b",
      "${SET}x${SET}           | valuexvalue",
      "$Mixed_Case9            | m",
      "$SET-x                  | value-x",
      "${SET:-default}         | value",
      "${EMPTY:-default}       | default",
      "${UNSET:-default}       | default",
      "${SET-default}          | value",
      "${EMPTY-default}        | ''",
      "${UNSET-default}        | default",
      "${UNSET:-}              | ''",
      "${SET:+alt}             | alt",
      "${EMPTY:+alt}           | ''",
      "${UNSET:+alt}           | ''",
      "${SET+alt}              | alt",
      "${EMPTY+alt}            | alt",
      "${UNSET+alt}            | ''",
      "${SET:?boom}            | value",
      "${EMPTY?boom}           | ''",
      "${SET?boom}             | value",
      "${UNSET:-a b:c}         | a b:c",
      "${UNSET:-${B}}          | bee",
      "${UNSET:-${UNSET2:-x}}  | x",
      "${UNSET:-${EMPTY:-${B}}}| bee",
      "${SET:+<${B}>}          | <bee>",
      "${UNSET:-{x}}           | {x}",
      "$$                      | $",
      "$$SET                   | $SET",
      "$${SET}                 | ${SET}",
      "a$$b$$$$c               | a$b$$c",
      "$$$SET                  | $value",
      "${UNSET:-$$}            | $"})
  void interpolatesEverySyntaxOfTheComposeSpecification(String template, String expected)
      throws Interpolation.InvalidTemplate {
    assertThat(apply(template)).isEqualTo(expected);
  }

  @Test
  void closesABraceAtTheFirstUnmatchedClosingBraceAsComposeGoDoes()
      throws Interpolation.InvalidTemplate {
    assertThat(apply("${UNSET:-a}b}")).isEqualTo("ab}");
  }

  @Test
  void reportsEachUnsetVariableWithoutADefaultAndReplacesItByNothing()
      throws Interpolation.InvalidTemplate {
    List<String> unset = new ArrayList<>();

    String value = VARIABLES.apply("[$UNSET][${OTHER}][${EMPTY}][${NONE:-d}][${NONE-}]",
        unset::add);

    assertThat(value).isEqualTo("[][][][d][]");
    assertThat(unset).containsExactly("UNSET", "OTHER");
  }

  @Test
  void interpolatesOnlyTheBranchItUses() throws Interpolation.InvalidTemplate {
    List<String> unset = new ArrayList<>();

    assertThat(VARIABLES.apply("${SET:-${NOPE:?never}}${UNSET:+${ALSO_NOPE}}", unset::add))
        .isEqualTo("value");
    assertThat(unset).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "${UNSET:?the tag is needed}   | required variable UNSET is missing a value: the tag is needed",
      "${EMPTY:?empty}               | required variable EMPTY is missing a value: empty",
      "${UNSET?unset}                | required variable UNSET is missing a value: unset",
      "${UNSET:?}                    | required variable UNSET is missing a value",
      "${UNSET:?need ${B}}           | required variable UNSET is missing a value: need bee",
      "${UNSET:-${INNER:?nested}}    | required variable INNER is missing a value: nested"})
  void failsWithTheMessageOfARequiredVariable(String template, String message) {
    assertThatThrownBy(() -> apply(template))
        .isInstanceOf(Interpolation.InvalidTemplate.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "cost $", "$5", "a$-b", "${}", "${1A}", "${SET", "${SET:x}", "${SET:}", "${SET!}",
      "${A B}", "$ {SET}", "${SET:-${B}"})
  void refusesAnInvalidTemplate(String template) {
    assertThatThrownBy(() -> apply(template))
        .isInstanceOf(Interpolation.InvalidTemplate.class)
        .hasMessageStartingWith("invalid interpolation format");
  }

  @Test
  void neverReadsTheProcessEnvironment() throws Interpolation.InvalidTemplate {
    assertThat(System.getenv("PATH")).as("the test needs PATH in the environment").isNotNull();
    System.setProperty("DRIFTLESS_INTERPOLATION_PROBE", "leaked");
    try {
      List<String> unset = new ArrayList<>();

      assertThat(new Interpolation(Map.of())
          .apply("[$PATH][${DRIFTLESS_INTERPOLATION_PROBE}]", unset::add)).isEqualTo("[][]");
      assertThat(unset).containsExactly("PATH", "DRIFTLESS_INTERPOLATION_PROBE");
    } finally {
      System.clearProperty("DRIFTLESS_INTERPOLATION_PROBE");
    }
  }
}
