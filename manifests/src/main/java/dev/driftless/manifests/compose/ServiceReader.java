package dev.driftless.manifests.compose;

import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.PortBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one entry of {@code services:} into a {@link DesiredService}, reporting every problem in
 * it. Only the keys Driftless can honour are accepted; every other key is refused, because
 * ignoring, say, {@code volumes:} would deploy a container that loses its data.
 */
final class ServiceReader {

  private final FieldReader fields;

  ServiceReader(FieldReader fields) {
    this.fields = fields;
  }

  /** The service, or empty when it has problems (they are then in the collector). */
  Optional<DesiredService> read(String name, Node nameNode, Node body) {
    int before = fields.problems().count();
    String path = "services." + name;
    if (!DesiredService.isValidName(name)) {
      fields.problems().at(nameNode, "service name '" + name
          + "' is not valid: use letters, digits, '.', '_' and '-'");
    }
    if (FieldReader.isNull(body)) {
      fields.problems().at(nameNode, "service '" + name + "' has no image");
      return Optional.empty();
    }
    Optional<String> image = Optional.empty();
    boolean hasImage = false;
    List<String> command = List.of();
    Map<String, String> environment = Map.of();
    List<PortBinding> ports = List.of();
    Map<String, String> labels = Map.of();
    for (YamlMapping.Entry entry : fields.mapping(body, path).orElse(List.of())) {
      String at = path + "." + entry.key();
      Node value = entry.value();
      switch (entry.key()) {
        case "image" -> {
          hasImage = true;
          image = image(name, value, at);
        }
        case "command" -> command = command(value, at);
        case "environment" -> environment =
            new KeyValueReader(fields, KeyValueReader.Kind.ENVIRONMENT, name).read(value, at);
        case "ports" -> ports = new PortsReader(fields).read(value, at);
        case "labels" ->
            labels = new KeyValueReader(fields, KeyValueReader.Kind.LABELS, name).read(value, at);
        default -> unsupported(entry, name);
      }
    }
    if (!hasImage && body instanceof MappingNode) {
      fields.problems().at(nameNode, "service '" + name + "' has no image");
    }
    if (fields.problems().count() > before || image.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DesiredService(name, image.get(), command, environment, ports, labels));
  }

  private Optional<String> image(String service, Node value, String path) {
    if (FieldReader.isNull(value)) {
      fields.problems().at(value, "service '" + service + "' has no image");
      return Optional.empty();
    }
    Optional<String> image = fields.string(value, path);
    Optional<String> invalid = image.flatMap(ImageReference::whyInvalid);
    if (invalid.isPresent()) {
      fields.problems().at(value, path + " " + invalid.get());
      return Optional.empty();
    }
    return image;
  }

  /** A string split like a shell would, or a list taken as it is; null means the image's own. */
  private List<String> command(Node value, String path) {
    if (FieldReader.isNull(value)) {
      return List.of();
    }
    if (value instanceof ScalarNode) {
      Optional<String> line = fields.literal(value, path, "a string or a list of strings");
      try {
        return line.map(ShellWords::split).orElse(List.of());
      } catch (IllegalArgumentException e) {
        fields.problems().at(value, path + ": " + e.getMessage());
        return List.of();
      }
    }
    if (!(value instanceof SequenceNode list)) {
      fields.problems().at(value, path + " must be a string or a list of strings, found "
          + FieldReader.describe(value));
      return List.of();
    }
    List<String> words = new ArrayList<>();
    for (int i = 0; i < list.getValue().size(); i++) {
      fields
          .literal(list.getValue().get(i), path + "[" + i + "]", "a string")
          .ifPresent(words::add);
    }
    return words;
  }

  private void unsupported(YamlMapping.Entry entry, String service) {
    String key = entry.key();
    if (ComposeKeys.isExtension(key)) {
      return;
    }
    if (ComposeKeys.SERVICE.contains(key)) {
      fields.problems().at(entry.keyNode(), "unsupported key '" + key + "' in service '" + service
          + "' (Driftless does not support it yet)");
    } else {
      fields.problems().at(entry.keyNode(), ComposeKeys.unknownServiceKey(key, service));
    }
  }
}
