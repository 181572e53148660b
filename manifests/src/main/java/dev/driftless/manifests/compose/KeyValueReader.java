package dev.driftless.manifests.compose;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code environment:}, {@code labels:}, {@code sysctls:} and logging options, which
 * Compose lets a user write either as a mapping or as a list of {@code KEY=VALUE} strings.
 *
 * <p>They differ only in what a key without a value means. For a label it is an empty value; a
 * sysctl or an option without a value is refused.
 * For an environment variable Compose copies the value from the shell that runs
 * {@code docker compose}; Driftless is a daemon whose own environment has nothing to do with the
 * app, so it refuses the key and asks for the value in the file.
 */
final class KeyValueReader {

  /** Which field is read, and so what a key without a value means. */
  enum Kind {
    ENVIRONMENT("environment variable"),
    LABELS("label"),
    SYSCTLS("sysctl"),
    OPTIONS("option"),
    BUILD_ARGS("build argument");

    private final String noun;

    Kind(String noun) {
      this.noun = noun;
    }
  }

  /** Labels that Driftless sets itself to recognise what it owns; a user may not forge them. */
  private static final String[] RESERVED_LABEL_PREFIXES = {"com.docker.compose.", "dev.driftless."};
  /**
   * The one label of ours a Compose file may set: the per-container opt-out, which tells Driftless
   * to leave the service's containers alone (never heal, replace or remove them).
   */
  static final String OPT_OUT_LABEL = "dev.driftless.ignore";

  private final FieldReader fields;
  private final Kind kind;
  private final String service;
  private final Set<String> secretKeys = new TreeSet<>();

  KeyValueReader(FieldReader fields, Kind kind, String service) {
    this.fields = fields;
    this.kind = kind;
    this.service = service;
  }

  /**
   * The environment variables read so far whose values were made from a secret variable (always
   * empty for labels, which refuse secrets).
   */
  Set<String> secretKeys() {
    return Set.copyOf(secretKeys);
  }

  /** The key-value pairs of {@code node}, whatever problems were reported along the way. */
  Map<String, String> read(Node node, String path) {
    Map<String, String> values = new TreeMap<>();
    if (node instanceof SequenceNode list) {
      readList(list, path, values);
    } else if (node instanceof MappingNode) {
      readMapping(node, path, values);
    } else if (!FieldReader.isNull(node)) {
      fields.problems().at(node, path + " must be a mapping or a list of KEY=VALUE strings, found "
          + FieldReader.describe(node));
    }
    return values;
  }

  private void readList(SequenceNode list, String path, Map<String, String> values) {
    Map<String, Node> firstSeen = new TreeMap<>();
    for (int i = 0; i < list.getValue().size(); i++) {
      Node item = list.getValue().get(i);
      String itemPath = path + "[" + i + "]";
      Optional<FieldReader.Text> read = text(item, itemPath, "a KEY=VALUE string");
      if (read.isEmpty()) {
        continue;
      }
      Optional<String> text = read.map(FieldReader.Text::value);
      int equals = text.get().indexOf('=');
      String key = equals < 0 ? text.get() : text.get().substring(0, equals);
      Optional<String> value =
          equals < 0 ? Optional.empty() : Optional.of(text.get().substring(equals + 1));
      Node previous = firstSeen.putIfAbsent(key, item);
      if (previous == null) {
        put(values, key, value, item, itemPath);
        markSecret(key, read.get().secret());
      } else {
        fields.problems().at(item, itemPath + " sets " + kind.noun + " '" + key
            + "' again (first set at line " + (previous.getStartMark().getLine() + 1) + ")");
      }
    }
  }

  private void readMapping(Node mapping, String path, Map<String, String> values) {
    for (YamlMapping.Entry entry : fields.mapping(mapping, path).orElse(List.of())) {
      String entryPath = path + "." + entry.key();
      if (FieldReader.isNull(entry.value())) {
        put(values, entry.key(), Optional.empty(), entry.keyNode(), entryPath);
      } else {
        text(entry.value(), entryPath, "a string, a number or a boolean").ifPresent(value -> {
          put(values, entry.key(), Optional.of(value.value()), entry.keyNode(), entryPath);
          markSecret(entry.key(), value.secret());
        });
      }
    }
  }

  /** Environment values may hold secrets; labels may not (see {@link FieldReader#literal}). */
  private Optional<FieldReader.Text> text(Node node, String path, String expected) {
    if (kind == Kind.ENVIRONMENT) {
      return fields.maybeSecret(node, path, expected);
    }
    return fields.literal(node, path, expected).map(value -> new FieldReader.Text(value, false));
  }

  private void markSecret(String key, boolean secret) {
    if (secret) {
      secretKeys.add(key);
    }
  }

  private void put(
      Map<String, String> values, String key, Optional<String> value, Node at, String path) {
    if (key.isEmpty()) {
      fields.problems().at(at, path + " has an empty " + kind.noun + " name");
      return;
    }
    if (kind == Kind.ENVIRONMENT && key.indexOf('=') >= 0) {
      fields.problems().at(at,
          path + ": environment variable name '" + key + "' must not contain '='");
      return;
    }
    if (kind == Kind.LABELS && !key.equals(OPT_OUT_LABEL)) {
      for (String prefix : RESERVED_LABEL_PREFIXES) {
        if (key.startsWith(prefix)) {
          fields.problems().at(at, path + ": label '" + key + "' is reserved: Driftless sets the "
              + prefix + "* labels itself to know which containers it owns");
          return;
        }
      }
    }
    if (value.isPresent()) {
      values.put(key, value.get());
    } else if (kind == Kind.LABELS) {
      values.put(key, "");
    } else if (kind == Kind.BUILD_ARGS) {
      fields.problems().at(at, "build argument '" + key + "' of service '" + service
          + "' has no value: docker compose would copy it from the shell it runs in, but "
          + "Driftless never passes its own environment to builds; write the value (" + key
          + "=value), or leave the argument out to use the Dockerfile's default");
    } else if (kind != Kind.ENVIRONMENT) {
      fields.problems().at(at, path + ": " + kind.noun + " '" + key + "' has no value");
    } else {
      fields.problems().at(at, "environment variable '" + key + "' of service '" + service
          + "' has no value: docker compose would copy it from the shell it runs in, but "
          + "Driftless never passes its own environment to apps; write the value in the file ("
          + key + "=value)");
    }
  }
}
