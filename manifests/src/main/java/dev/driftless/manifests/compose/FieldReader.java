package dev.driftless.manifests.compose;

import java.util.List;
import java.util.Optional;
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

  FieldReader(ProblemCollector problems, Interpolation interpolation) {
    this.problems = problems;
    this.interpolation = interpolation;
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
    if (!(node instanceof ScalarNode scalar) || isNull(node)) {
      problems.at(node, path + " must be " + expected + ", found " + describe(node));
      return Optional.empty();
    }
    try {
      return Optional.of(interpolation.apply(scalar.getValue(), name -> problems.warnAt(node,
          path + ": the \"" + name + "\" variable is not set; it defaults to a blank string")));
    } catch (Interpolation.InvalidTemplate e) {
      problems.at(node, path + ": " + e.getMessage());
      return Optional.empty();
    }
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

  /** "a mapping", "a list", "null" or the scalar quoted, for messages. */
  static String describe(Node node) {
    return YamlMapping.describe(node);
  }
}
