package dev.driftless.manifests.compose;

import dev.driftless.manifests.ManifestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a service's {@code env_file:} — a path, a list of paths, or a list of
 * {@code {path, required}} entries ({@code required} defaults to true) — and loads the files in
 * order through {@link EnvFiles}, a later file's value replacing an earlier one's, as Compose
 * does. A missing required file is a problem at its entry; a missing optional one is skipped.
 */
final class EnvFileReader {

  private final FieldReader fields;
  private final EnvFiles envFiles;

  EnvFileReader(FieldReader fields, EnvFiles envFiles) {
    this.fields = fields;
    this.envFiles = envFiles;
  }

  /** The merged variables of every file named by {@code node}. */
  EnvValues read(Node node, String path) {
    Map<String, String> variables = new LinkedHashMap<>();
    Set<String> secrets = new TreeSet<>();
    if (FieldReader.isNull(node)) {
      return EnvValues.EMPTY;
    }
    if (node instanceof ScalarNode) {
      load(node, path, true, variables, secrets);
    } else if (node instanceof SequenceNode list) {
      for (int i = 0; i < list.getValue().size(); i++) {
        entry(list.getValue().get(i), path + "[" + i + "]", variables, secrets);
      }
    } else {
      fields.problems().at(node, path + " must be a path or a list, found "
          + FieldReader.describe(node));
    }
    return new EnvValues(variables, secrets, List.of());
  }

  private void entry(Node item, String path, Map<String, String> variables, Set<String> secrets) {
    if (!(item instanceof MappingNode)) {
      load(item, path, true, variables, secrets);
      return;
    }
    Node file = null;
    boolean required = true;
    for (YamlMapping.Entry entry : fields.mapping(item, path).orElse(List.of())) {
      switch (entry.key()) {
        case "path" -> file = entry.value();
        case "required" -> required = fields.bool(entry.value(), path + ".required").orElse(true);
        default -> fields.problems().at(entry.keyNode(), "unknown key '" + entry.key() + "' in "
            + path + " (an env_file entry takes path and required)");
      }
    }
    if (file == null) {
      fields.problems().at(item, path + " has no path");
      return;
    }
    load(file, path + ".path", required, variables, secrets);
  }

  private void load(Node node, String path, boolean required, Map<String, String> variables,
      Set<String> secrets) {
    Optional<String> file = fields.string(node, path);
    if (file.isEmpty()) {
      return;
    }
    try {
      Optional<EnvValues> values = envFiles.load(file.get());
      if (values.isEmpty()) {
        if (required) {
          fields.problems().at(node, path + ": the env file '" + envFiles.resolve(file.get())
              + "' does not exist (set 'required: false' in the long form if it is optional)");
        }
        return;
      }
      values.get().variables().forEach((key, value) -> {
        variables.put(key, value);
        secrets.remove(key);
      });
      secrets.addAll(values.get().secretKeys());
      values.get().warnings().forEach(fields.problems()::warn);
    } catch (ManifestException e) {
      e.problems().forEach(fields.problems()::add);
    }
  }
}
