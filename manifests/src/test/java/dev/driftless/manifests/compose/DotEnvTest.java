package dev.driftless.manifests.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DotEnvTest {

  private static final String FILE = "shop/.env";

  private static Map<String, String> parse(String text) throws ManifestException {
    return DotEnv.parse(FILE, text).variables();
  }

  /** Each line is a .env file whose only variable, V, must hold the expected value. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "V=plain                       | plain",
      "V=  spaced out  value         | spaced out  value",
      "  V  =  x                     | x",
      "export V=exported             | exported",
      "export   V=spaces             | spaces",
      "V: yaml-style                 | yaml-style",
      "V=a # a comment               | a",
      "V=a#not-a-comment             | a#not-a-comment",
      "V='single # quoted $X \\n'    | single # quoted $X \\n",
      "V='it\\'s'                    | it's",
      "V=\"double \\\"q\\\" \\\\\"     | double \"q\" \\",
      "V=\"tab\\tand\\$DOLLAR\"       | `tab\tand$DOLLAR`",
      "V=\"keep \\x\"                 | keep \\x",
      "V=\"a\" # trailing comment    | a",
      "V=''                          | ``",
      "V=                            | ``",
      "V=$$literal                   | $literal",
      "V=${UNSET:-fallback}          | fallback"})
  void readsAValueAsComposeDoes(String line, String expected) throws ManifestException {
    assertThat(parse(line)).containsExactly(Map.entry("V", expected));
  }

  @Test
  void readsAWholeFileWithCommentsBlankLinesAndEscapes() throws ManifestException {
    Map<String, String> variables = parse("""
        # the shop's settings

        HOST=db.internal
        PORT=5432 # the default
        URL="postgres://${HOST}:$PORT/shop"
        RAW='${HOST}'
        BANNER="line one\\nline two"
        MULTI="first
        second"
        export TAG=1.2
        PORT=6543
        """);

    assertThat(variables).containsExactly(
        Map.entry("HOST", "db.internal"),
        Map.entry("PORT", "6543"),
        Map.entry("URL", "postgres://db.internal:5432/shop"),
        Map.entry("RAW", "${HOST}"),
        Map.entry("BANNER", "line one\nline two"),
        Map.entry("MULTI", "first\nsecond"),
        Map.entry("TAG", "1.2"));
  }

  @Test
  void expandsOnlyKeysDefinedAboveAndWarnsOfTheOthers() throws ManifestException {
    DotEnv env = DotEnv.parse(FILE, "A=${B}\nB=b\nC=$B\n");

    assertThat(env.variables()).containsExactly(
        Map.entry("A", ""), Map.entry("B", "b"), Map.entry("C", "b"));
    assertThat(env.warnings()).containsExactly(new ManifestProblem(FILE, 1, 3,
        "the \"B\" variable is not set; it defaults to a blank string"));
  }

  @Test
  void neverTakesABareKeyOrAValueFromTheProcessEnvironment() throws ManifestException {
    assertThat(System.getenv("PATH")).isNotNull();

    assertThat(parse("PATH\nP=$PATH\n")).containsExactly(Map.entry("P", ""));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "A=1\\nB=\"open               | 2 | 3 | the quoted value is not closed: a \" is missing",
      "A=1\\n  B='open              | 2 | 5 | the quoted value is not closed: a ' is missing",
      "MY KEY=1                    | 1 | 4 | unexpected character 'K' in variable name 'MY' "
          + "(names are letters, digits, '_', '.', '-', '[' and ']')",
      "=value                      | 1 | 1 | a variable name is missing before '='",
      "A=\"x\" B=y                 | 1 | 7 | unexpected text after the closing quote",
      "A=${B:?B is required}       | 1 | 3 | required variable B is missing a value: B is required",
      "A=cost $                    | 1 | 3 | invalid interpolation format \"cost $\" "
          + "(write $$ for a literal $)"})
  void refusesAMalformedFileAtTheLineAndColumnOfTheProblem(
      String text, int line, int column, String message) {
    ManifestException e = catchThrowableOfType(ManifestException.class,
        () -> parse(text.replace("\\n", "\n")));

    assertThat(e).isNotNull();
    assertThat(e.problems()).containsExactly(new ManifestProblem(FILE, line, column, message));
  }
}
