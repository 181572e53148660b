package dev.driftless.manifests.config;

import dev.driftless.manifests.Suggestions;
import dev.driftless.manifests.YamlBoolean;
import dev.driftless.manifests.compose.ProblemCollector;
import dev.driftless.manifests.compose.YamlMapping;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed reads of {@code driftless.yaml} nodes, each reporting a problem at the node when it is
 * not what the schema allows. Unlike a Compose file, {@code driftless.yaml} is not interpolated:
 * a {@code $} is just a character, because the file decides where variables come from.
 */
final class ConfigFields {

  private static final Pattern DURATION_PART =
      Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h)");

  private final ProblemCollector problems;

  ConfigFields(ProblemCollector problems) {
    this.problems = problems;
  }

  ProblemCollector problems() {
    return problems;
  }

  static boolean isNull(Node node) {
    return YamlMapping.isNull(node);
  }

  /** The entries of a mapping; an empty list with a problem for anything else but null. */
  List<YamlMapping.Entry> mapping(Node node, String path) {
    if (node instanceof MappingNode mapping) {
      return YamlMapping.entries(mapping, path, problems);
    }
    if (!isNull(node)) {
      problems.at(node, path + " must be a mapping, found " + describe(node));
    }
    return List.of();
  }

  /** The text of a non-null scalar, as written. */
  Optional<String> string(Node node, String path) {
    if (node instanceof ScalarNode scalar && !isNull(node)) {
      return Optional.of(scalar.getValue());
    }
    problems.at(node, path + " must be a string, found " + describe(node));
    return Optional.empty();
  }

  /** {@code true} or {@code false} (YAML 1.2: not {@code yes} or {@code on}). */
  Optional<Boolean> bool(Node node, String path) {
    Optional<Boolean> value = node instanceof ScalarNode scalar ? YamlBoolean.parse(scalar.getValue())
        : Optional.empty();
    if (value.isEmpty()) {
      problems.at(node, path + " must be true or false, found " + describe(node));
    }
    return value;
  }

  /** A list of strings, each with its node; a single string counts as a list of one. */
  List<Item> strings(Node node, String path) {
    List<Item> items = new ArrayList<>();
    if (node instanceof ScalarNode && !isNull(node)) {
      string(node, path).ifPresent(text -> items.add(new Item(text, node)));
    } else if (node instanceof SequenceNode list) {
      for (int i = 0; i < list.getValue().size(); i++) {
        Node item = list.getValue().get(i);
        string(item, path + "[" + i + "]").ifPresent(text -> items.add(new Item(text, item)));
      }
    } else {
      problems.at(node, path + " must be a list of strings, found " + describe(node));
    }
    return items;
  }

  /**
   * A duration as Compose writes one ({@code 90s}, {@code 1m30s}, {@code 1.5h}, {@code 500ms}):
   * Go's {@code time.ParseDuration} syntax without a sign.
   */
  Optional<Duration> duration(Node node, String path) {
    Optional<String> text = string(node, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Matcher part = DURATION_PART.matcher(text.get());
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (part.find() && part.start() == end) {
      BigDecimal unit = BigDecimal.valueOf(switch (part.group(2)) {
        case "ns" -> 1L;
        case "us", "µs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      });
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(unit));
      end = part.end();
    }
    if (end == 0 || end != text.get().length()
        || nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      problems.at(node, path + " must be a duration such as 90s, 1m30s or 2h, found "
          + describe(node));
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(nanos.longValue()));
  }

  /** Reports a key the schema does not have, with the closest one it does. */
  void unknownKey(YamlMapping.Entry entry, String path, Collection<String> known) {
    problems.at(entry.keyNode(), "unknown key '" + entry.key() + "' in " + path
        + Suggestions.didYouMean(entry.key(), known));
  }

  static String describe(Node node) {
    return YamlMapping.describe(node);
  }

  /** A string and the node it was read from, to point at when it turns out wrong. */
  record Item(String text, Node node) {}
}
