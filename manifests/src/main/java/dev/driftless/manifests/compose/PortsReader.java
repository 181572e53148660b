package dev.driftless.manifests.compose;

import dev.driftless.manifests.model.PortBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code ports:}: a list whose entries are either the short syntax ({@code "8080:80"},
 * also written as a bare number) or the long syntax (a mapping with {@code target},
 * {@code published}, {@code host_ip}, {@code protocol}...).
 */
final class PortsReader {

  /** Long-syntax keys that are accepted and have no effect on a single Docker engine. */
  private static final Set<String> IGNORED_LONG_KEYS = Set.of("name", "app_protocol");

  private final FieldReader fields;

  PortsReader(FieldReader fields) {
    this.fields = fields;
  }

  /** The bindings, in declaration order, ranges expanded. */
  List<PortBinding> read(Node node, String path) {
    List<PortBinding> bindings = new ArrayList<>();
    if (FieldReader.isNull(node)) {
      return bindings;
    }
    if (!(node instanceof SequenceNode list)) {
      fields.problems().at(node, path + " must be a list, found " + FieldReader.describe(node));
      return bindings;
    }
    for (int i = 0; i < list.getValue().size(); i++) {
      Node item = list.getValue().get(i);
      String itemPath = path + "[" + i + "]";
      if (item instanceof MappingNode) {
        bindings.addAll(longSyntax(item, itemPath));
      } else if (item instanceof ScalarNode) {
        fields
            .literal(item, itemPath, "a port such as \"8080:80\" or a mapping")
            .flatMap(spec -> checked(item, itemPath, () -> PortSyntax.shortSyntax(spec)))
            .ifPresent(bindings::addAll);
      } else {
        fields.problems().at(item, itemPath + " must be a port such as \"8080:80\" or a mapping, "
            + "found " + FieldReader.describe(item));
      }
    }
    return bindings;
  }

  private List<PortBinding> longSyntax(Node item, String path) {
    int before = fields.problems().count();
    boolean hasTarget = false;
    Optional<Integer> target = Optional.empty();
    Node publishedNode = item;
    String published = "";
    String hostIp = "";
    String protocol = "tcp";
    for (YamlMapping.Entry entry : fields.mapping(item, path).orElse(List.of())) {
      String at = path + "." + entry.key();
      Node value = entry.value();
      switch (entry.key()) {
        case "target" -> {
          hasTarget = true;
          target = checked(value, at, "a port number", text -> PortSyntax.singlePort(text, "port"));
        }
        case "published" -> {
          publishedNode = value;
          published = optional(value, at, "a port number or range",
              text -> text.isEmpty() ? text : PortSyntax.portOrRange(text, "port"));
        }
        case "host_ip" -> hostIp = optional(value, at, "an IP address", PortSyntax::hostIp);
        case "protocol" -> protocol = checked(value, at, "tcp, udp or sctp", PortSyntax::protocol)
            .orElse("tcp");
        case "mode" -> checked(value, at, "ingress or host", PortsReader::mode);
        default -> {
          if (IGNORED_LONG_KEYS.contains(entry.key())) {
            fields.literal(value, at, "a string");
          } else if (!ComposeKeys.isExtension(entry.key())) {
            fields.problems().at(entry.keyNode(), "unsupported key '" + entry.key() + "' in "
                + path + " (a port takes target, published, host_ip, protocol, mode, name and "
                + "app_protocol)");
          }
        }
      }
    }
    if (!hasTarget) {
      fields.problems().at(item, path + " has no target (the container port)");
    }
    if (target.isEmpty() || fields.problems().count() > before) {
      return List.of();
    }
    int port = target.get();
    String ip = hostIp;
    String host = published;
    String proto = protocol;
    return checked(publishedNode, path, () -> PortSyntax.longSyntax(ip, host, port, proto))
        .orElse(List.of());
  }

  private static String mode(String mode) {
    if (!mode.equals("ingress") && !mode.equals("host")) {
      throw new IllegalArgumentException("mode must be ingress or host, found '" + mode + "'");
    }
    return mode;
  }

  /** The field's text passed through {@code check}; a problem at the node when either fails. */
  private <T> Optional<T> checked(
      Node value, String path, String expected, Function<String, T> check) {
    return fields
        .literal(value, path, expected)
        .flatMap(text -> checked(value, path, () -> check.apply(text)));
  }

  /** Like {@link #checked} for a field that may be null, which reads as {@code ""}. */
  private String optional(Node value, String path, String expected, UnaryOperator<String> check) {
    return FieldReader.isNull(value) ? "" : checked(value, path, expected, check).orElse("");
  }

  /** The result of {@code parse}, or empty with its message as a problem at {@code at}. */
  private <T> Optional<T> checked(Node at, String path, Supplier<T> parse) {
    try {
      return Optional.of(parse.get());
    } catch (IllegalArgumentException e) {
      fields.problems().at(at, path + ": " + e.getMessage());
      return Optional.empty();
    }
  }
}
