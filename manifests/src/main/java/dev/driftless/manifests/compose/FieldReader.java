package dev.driftless.manifests.compose;

import dev.driftless.manifests.YamlBoolean;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of nodes, each reporting a problem at the node, with its field path, when the node
 * is not what the Compose specification allows there.
 *
 * <p>Scalars are read from their text as written: SnakeYAML resolves tags with YAML 1.1 rules
 * ({@code yes} is a boolean, {@code 0755} an octal number), but Compose follows YAML 1.2 and
 * passes such values to the container unchanged, so the text, never a resolved value, is used.
 */
final class FieldReader {

  /** Plain scalars that YAML 1.2's core schema, which Compose uses, reads as non-strings. */
  private static final Pattern YAML12_NON_STRING =
      Pattern.compile(
          "~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
              + "|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
              + "|[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?"
              + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

  private final ProblemCollector problems;
  private final Interpolation interpolation;
  private final Set<String> secretVariables;

  FieldReader(ProblemCollector problems, Interpolation interpolation) {
    this(problems, interpolation, Set.of());
  }

  /**
   * @param secretVariables the variables whose values were decrypted: only an environment value may
   *     use them (see {@link #maybeSecret})
   */
  FieldReader(ProblemCollector problems, Interpolation interpolation, Set<String> secretVariables) {
    this.problems = problems;
    this.interpolation = interpolation;
    this.secretVariables = Set.copyOf(secretVariables);
  }

  /**
   * A scalar's interpolated text, and whether a secret variable went into it.
   *
   * @param secret whether the text holds (part of) a decrypted value
   */
  record Text(String value, boolean secret) {

    @Override
    public String toString() {
      return secret ? "Text[secret]" : "Text[" + value + "]";
    }
  }

  ProblemCollector problems() {
    return problems;
  }

  /** Whether the node is YAML's null: {@code ~}, {@code null} or nothing at all. */
  static boolean isNull(Node node) {
    return YamlMapping.isNull(node);
  }

  /** The mapping's entries (merged, duplicates refused), or empty with a problem. */
  Optional<List<YamlMapping.Entry>> mapping(Node node, String path) {
    if (node instanceof MappingNode mapping) {
      return Optional.of(YamlMapping.entries(mapping, path, problems));
    }
    problems.at(node, path + " must be a mapping, found " + describe(node));
    return Optional.empty();
  }

  /**
   * The text of a non-null scalar, interpolated; empty with a problem when the node is something
   * else or its interpolation fails. A variable used while unset becomes a warning at the node.
   *
   * @param expected what the field takes, for the message ("a string", "a port number")
   */
  Optional<String> literal(Node node, String path, String expected) {
    Optional<Text> text = maybeSecret(node, path, expected);
    if (text.isPresent() && text.get().secret()) {
      // A label, a command or an image is shown by the plan, the API and docker inspect.
      problems.at(node, path + " uses a secret variable (" + String.join(", ",
          secretsIn(((ScalarNode) node).getValue())) + ", decrypted from an encrypted file): "
          + "secrets may only be used in environment values");
      return Optional.empty();
    }
    return text.map(Text::value);
  }

  /**
   * Like {@link #literal}, for the one field a secret may go into: an environment value.
   */
  Optional<Text> maybeSecret(Node node, String path, String expected) {
    if (!(node instanceof ScalarNode scalar) || isNull(node)) {
      problems.at(node, path + " must be " + expected + ", found " + describe(node));
      return Optional.empty();
    }
    boolean[] secret = {false};
    try {
      String value = interpolation.apply(scalar.getValue(), name -> problems.warnAt(node,
          path + ": the \"" + name + "\" variable is not set; it defaults to a blank string"),
          name -> secret[0] |= secretVariables.contains(name));
      return Optional.of(new Text(value, secret[0]));
    } catch (Interpolation.InvalidTemplate e) {
      // A ${VAR:?message} message is interpolated too, and could hold a secret value.
      problems.at(node, path + ": " + (secretsIn(scalar.getValue()).isEmpty() ? e.getMessage()
          : "the value cannot be interpolated (the reason is not shown: it names a secret "
              + "variable)"));
      return Optional.empty();
    }
  }

  /** The secret variables a template names, for a message (names only, never values). */
  private Set<String> secretsIn(String template) {
    Set<String> names = new TreeSet<>();
    for (String name : secretVariables) {
      if (template.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  /** Like {@link #literal} but also refuses numbers and booleans, for fields typed string. */
  Optional<String> string(Node node, String path) {
    if (node instanceof ScalarNode scalar
        && scalar.getScalarStyle() == ScalarStyle.PLAIN
        && !Tag.STR.equals(scalar.getTag())
        && YAML12_NON_STRING.matcher(scalar.getValue()).matches()) {
      problems.at(node, path + " must be a string, found " + describe(node)
          + " (quote it if it is meant as text)");
      return Optional.empty();
    }
    return literal(node, path, "a string");
  }

  /**
   * A boolean as YAML 1.2 and Compose write it ({@code true} or {@code false}, any of their
   * capitalisations), after interpolation; YAML 1.1's {@code yes}, {@code on}... are refused,
   * since Compose reads them as strings.
   */
  Optional<Boolean> bool(Node node, String path) {
    Optional<String> text = literal(node, path, "true or false");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Boolean> value = YamlBoolean.parse(text.get());
    if (value.isEmpty()) {
      problems.at(node, path + " must be true or false, found '" + text.get() + "'");
    }
    return value;
  }

  /** A whole number between {@code min} and {@code max}, after interpolation. */
  Optional<Long> integer(Node node, String path, long min, long max) {
    Optional<String> text = literal(node, path, "a whole number");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      long value = Long.parseLong(text.get().startsWith("+") ? text.get().substring(1)
          : text.get());
      if (value >= min && value <= max) {
        return Optional.of(value);
      }
      problems.at(node, path + " must be between " + min + " and " + max + ", found " + value);
    } catch (NumberFormatException e) {
      problems.at(node, path + " must be a whole number, found '" + text.get() + "'");
    }
    return Optional.empty();
  }

  /**
   * The value of a scalar passed through {@code parse}, which throws
   * {@link IllegalArgumentException} with a message for the user; empty with a problem when
   * either fails.
   */
  <T> Optional<T> parsed(Node node, String path, String expected,
      Function<String, T> parse) {
    return literal(node, path, expected).flatMap(text -> {
      try {
        return Optional.of(parse.apply(text));
      } catch (IllegalArgumentException e) {
        problems.at(node, path + ": " + e.getMessage());
        return Optional.empty();
      }
    });
  }

  /**
   * A list of scalars, or a single scalar when {@code singleAllowed} (Compose's
   * {@code string_or_list}); null is the empty list.
   */
  List<String> strings(Node node, String path, boolean singleAllowed) {
    if (isNull(node)) {
      return List.of();
    }
    if (singleAllowed && node instanceof ScalarNode) {
      return literal(node, path, "a string or a list of strings").map(List::of).orElse(List.of());
    }
    if (!(node instanceof SequenceNode list)) {
      problems.at(node, path + " must be " + (singleAllowed ? "a string or " : "")
          + "a list of strings, found " + describe(node));
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < list.getValue().size(); i++) {
      literal(list.getValue().get(i), path + "[" + i + "]", "a string").ifPresent(values::add);
    }
    return values;
  }

  /**
   * A string split like a shell would, or a list taken as it is (Compose's {@code command} and
   * {@code entrypoint}); empty when null, which means the image's own.
   */
  Optional<List<String>> words(Node value, String path) {
    if (isNull(value)) {
      return Optional.empty();
    }
    if (value instanceof ScalarNode) {
      Optional<String> line = literal(value, path, "a string or a list of strings");
      try {
        return line.map(ShellWords::split);
      } catch (IllegalArgumentException e) {
        problems.at(value, path + ": " + e.getMessage());
        return Optional.empty();
      }
    }
    if (!(value instanceof SequenceNode)) {
      problems.at(value, path + " must be a string or a list of strings, found "
          + describe(value));
      return Optional.empty();
    }
    return Optional.of(strings(value, path, false));
  }

  /** "a mapping", "a list", "null" or the scalar quoted, for messages. */
  static String describe(Node node) {
    return YamlMapping.describe(node);
  }
}
