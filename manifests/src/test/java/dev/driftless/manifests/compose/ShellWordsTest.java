package dev.driftless.manifests.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShellWordsTest {

  /** Each expectation is what Python's shlex.split, which docker-compose uses, returns. */
  static Stream<Arguments> commands() {
    return Stream.of(
        arguments("echo hello", List.of("echo", "hello")),
        arguments("  echo   hello  ", List.of("echo", "hello")),
        arguments("a\tb\nc", List.of("a", "b", "c")),
        arguments("sh -c 'echo $HOME'", List.of("sh", "-c", "echo $HOME")),
        arguments("say \"hello world\"", List.of("say", "hello world")),
        arguments("a\"b\"c", List.of("abc")),
        arguments("'it''s'", List.of("its")),
        arguments("\"say \\\"hi\\\"\"", List.of("say \"hi\"")),
        arguments("\"back\\\\slash\"", List.of("back\\slash")),
        arguments("\"keep \\n as is\"", List.of("keep \\n as is")),
        arguments("a\\ b", List.of("a b")),
        arguments("\\\"quoted\\\"", List.of("\"quoted\"")),
        arguments("''", List.of("")),
        arguments("\"\" x", List.of("", "x")),
        arguments("it\\'s", List.of("it's")),
        arguments("'a \\\" b'", List.of("a \\\" b")),
        arguments("a;b | c && d", List.of("a;b", "|", "c", "&&", "d")),
        arguments("#not-a-comment x", List.of("#not-a-comment", "x")),
        arguments("--opt='x y'", List.of("--opt=x y")),
        arguments("", List.of()),
        arguments("   ", List.of()));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("commands")
  void splitsLikeComposeDoes(String line, List<String> words) {
    assertThat(ShellWords.split(line)).isEqualTo(words);
  }

  @ParameterizedTest
  @ValueSource(strings = {"echo 'oops", "echo \"oops", "echo \"oops\\\"", "trailing\\"})
  void refusesAnUnclosedQuoteOrATrailingBackslash(String line) {
    assertThatThrownBy(() -> ShellWords.split(line)).isInstanceOf(IllegalArgumentException.class);
  }
}
