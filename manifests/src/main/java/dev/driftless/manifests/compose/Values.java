package dev.driftless.manifests.compose;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The small value syntaxes the attachment keys share (booleans, string maps, byte sizes, octal
 * modes, lists), each reporting a problem at its node with the field's path.
 */
final class Values {

  private final FieldReader fields;

  Values(FieldReader fields) {
    this.fields = fields;
  }

  /** {@code true} or {@code false} (YAML 1.2, as Compose reads it); false with a problem else. */
  boolean bool(Node node, String path) {
    return fields.bool(node, path).orElse(false);
  }

  /** A mapping of strings, or a list of {@code KEY=VALUE}; sorted. */
  Map<String, String> stringMap(Node node, String path) {
    Map<String, String> map = new TreeMap<>();
    if (node instanceof SequenceNode list) {
      for (int i = 0; i < list.getValue().size(); i++) {
        Node item = list.getValue().get(i);
        fields.literal(item, path + "[" + i + "]", "a KEY=VALUE string").ifPresent(text -> {
          int equals = text.indexOf('=');
          map.put(equals < 0 ? text : text.substring(0, equals),
              equals < 0 ? "" : text.substring(equals + 1));
        });
      }
      return map;
    }
    if (FieldReader.isNull(node)) {
      return map;
    }
    for (YamlMapping.Entry entry : fields.mapping(node, path).orElse(List.of())) {
      if (FieldReader.isNull(entry.value())) {
        map.put(entry.key(), "");
      } else {
        fields.literal(entry.value(), path + "." + entry.key(), "a string")
            .ifPresent(value -> map.put(entry.key(), value));
      }
    }
    return map;
  }

  /** The entries of a mapping; a null node reads as no entry. */
  Optional<List<YamlMapping.Entry>> mappingOrNull(Node node, String path) {
    return FieldReader.isNull(node) ? Optional.of(List.of()) : fields.mapping(node, path);
  }

  /** The items of a list; a null node reads as none. */
  List<Node> list(Node node, String path) {
    if (FieldReader.isNull(node)) {
      return List.of();
    }
    if (node instanceof SequenceNode list) {
      return list.getValue();
    }
    fields.problems().at(node, path + " must be a list, found " + FieldReader.describe(node));
    return List.of();
  }

  /** Whether the node is a mapping (the long syntax of a list entry). */
  static boolean isMapping(Node node) {
    return node instanceof MappingNode;
  }

  /** A key this mapping does not take: refused, unless it is an {@code x-} extension. */
  void unknownKey(YamlMapping.Entry entry, String path, String known) {
    if (!ComposeKeys.isExtension(entry.key())) {
      fields.problems().at(entry.keyNode(), "unknown key '" + entry.key() + "' in " + path
          + " (it takes " + known + ")");
    }
  }

  /**
   * A byte size as Compose writes it: a number of bytes, or a number with {@code b}, {@code k},
   * {@code m} or {@code g} (optionally followed by {@code b}), case-insensitive.
   */
  Optional<Long> bytes(Node node, String path) {
    return fields.literal(node, path, "a size such as 64m").flatMap(text -> {
      try {
        return Optional.of(parseBytes(text));
      } catch (IllegalArgumentException e) {
        fields.problems().at(node, path + ": " + e.getMessage());
        return Optional.empty();
      }
    });
  }

  static long parseBytes(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("([0-9]+)\\s*([bkmgBKMG]?)[bB]?").matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size (such as 1024, 64k, 64m, 1g)");
    }
    long value = Long.parseLong(m.group(1));
    int shift = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      default -> 0;
    };
    if (value > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
    return value << shift;
  }

  /** A file mode: octal when written with a leading {@code 0} or {@code 0o}, else decimal. */
  Optional<Integer> mode(Node node, String path) {
    return fields.literal(node, path, "a file mode such as 0440").flatMap(text -> {
      try {
        int mode = text.startsWith("0o") ? Integer.parseInt(text.substring(2), 8)
            : text.length() > 1 && text.startsWith("0") ? Integer.parseInt(text.substring(1), 8)
            : Integer.parseInt(text);
        if (mode < 0 || mode > 07777) {
          throw new NumberFormatException();
        }
        return Optional.of(mode);
      } catch (NumberFormatException e) {
        fields.problems().at(node, path + " must be a file mode such as 0440, found '" + text
            + "'");
        return Optional.empty();
      }
    });
  }
}
