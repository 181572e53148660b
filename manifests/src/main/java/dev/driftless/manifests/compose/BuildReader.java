package dev.driftless.manifests.compose;

import dev.driftless.manifests.model.BuildSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a service's {@code build:} (the short form, a context path, and the long form) and its
 * {@code pull_policy}, and names the image of a service that is built but names none.
 *
 * <p>A context is a folder of the repository at the revision being read, resolved against the
 * Compose file's folder as Compose does; a path leaving the repository, an absolute path or a
 * remote context (a git or HTTP URL) is refused, because Driftless builds exactly what the commit
 * holds. A context or Dockerfile missing from the revision is an error at its line and column.
 */
final class BuildReader {

  private static final Set<String> UNSUPPORTED_KEYS = Set.of(
      "additional_contexts", "cache_to", "entitlements", "isolation", "no_cache", "platforms",
      "privileged", "pull", "secrets", "ssh", "tags", "ulimits");
  private static final Pattern REMOTE = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://|git@|github\\.com/).*");
  private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*([kmg]?)b?", Pattern.CASE_INSENSITIVE);

  private final FieldReader fields;
  private final BuildContexts contexts;
  private final String appName;
  private final String appDirectory;

  /**
   * @param composeFile the Compose file's repo-relative path; contexts are relative to its folder
   */
  BuildReader(FieldReader fields, BuildContexts contexts, String appName, String composeFile) {
    this.fields = fields;
    this.contexts = contexts;
    this.appName = appName;
    int slash = composeFile.lastIndexOf('/');
    this.appDirectory = slash < 0 ? "" : composeFile.substring(0, slash);
  }

  /**
   * The image name Compose v2 gives a built service that names none: {@code <project>-<service>},
   * lower-cased as image names must be.
   */
  String defaultImage(String service) {
    return (appName + "-" + service).toLowerCase(Locale.ROOT);
  }

  /** The build, or empty with problems reported. */
  Optional<BuildSpec> read(String service, Node value, String path) {
    if (value instanceof ScalarNode && !FieldReader.isNull(value)) {
      return fields.string(value, path).flatMap(context -> context(context, value, path))
          .flatMap(context -> finish(service, context, value, new Parts(), path));
    }
    if (!(value instanceof MappingNode)) {
      fields.problems().at(value, path + " must be a context path or a mapping, found "
          + FieldReader.describe(value));
      return Optional.empty();
    }
    int before = fields.problems().count();
    Parts parts = new Parts();
    Optional<String> context = Optional.empty();
    Node contextNode = value;
    for (YamlMapping.Entry entry : fields.mapping(value, path).orElse(List.of())) {
      String at = path + "." + entry.key();
      Node node = entry.value();
      switch (entry.key()) {
        case "context" -> {
          contextNode = node;
          context = fields.string(node, at).flatMap(text -> context(text, node, at));
        }
        case "dockerfile" -> {
          parts.dockerfileNode = node;
          parts.dockerfile = fields.string(node, at);
        }
        case "dockerfile_inline" -> parts.inline = fields.string(node, at);
        case "args" -> parts.args =
            new KeyValueReader(fields, KeyValueReader.Kind.BUILD_ARGS, service).read(node, at);
        case "target" -> parts.target = fields.string(node, at).orElse("");
        case "labels" -> parts.labels =
            new KeyValueReader(fields, KeyValueReader.Kind.LABELS, service).read(node, at);
        case "network" -> parts.network = fields.string(node, at).orElse("");
        case "shm_size" -> parts.shmSize = bytes(node, at);
        case "extra_hosts" -> parts.extraHosts = extraHosts(node, at);
        case "cache_from" -> parts.cacheFrom = strings(node, at);
        default -> unsupported(entry, service);
      }
    }
    // Compose's default context is the Compose file's folder.
    String resolved = context.orElse(appDirectory);
    if (fields.problems().count() > before) {
      return Optional.empty();
    }
    return finish(service, resolved, contextNode, parts, path);
  }

  private Optional<BuildSpec> finish(String service, String context, Node contextNode,
      Parts parts, String path) {
    Optional<String> digest = contexts.digest(context);
    String shown = context.isEmpty() ? "the repository root" : "'" + context + "'";
    if (digest.isEmpty()) {
      fields.problems().at(contextNode, path + ": build context " + shown + " of service '"
          + service + "' is not a folder with files in the repository at this revision");
      return Optional.empty();
    }
    if (parts.inline.isPresent()) {
      if (parts.dockerfile.isPresent()) {
        fields.problems().at(parts.dockerfileNode, path + ": set dockerfile or dockerfile_inline,"
            + " not both");
        return Optional.empty();
      }
      return Optional.of(parts.spec(context, "", parts.inline, digest.get()));
    }
    Node at = parts.dockerfileNode == null ? contextNode : parts.dockerfileNode;
    String dockerfile = parts.dockerfile.orElse(BuildSpec.DEFAULT_DOCKERFILE);
    Optional<String> normalized = normalize("", dockerfile);
    if (dockerfile.startsWith("/") || normalized.isEmpty() || normalized.get().isEmpty()) {
      fields.problems().at(at, path + ".dockerfile '" + dockerfile + "' must be a file inside the"
          + " build context, given relative to it");
      return Optional.empty();
    }
    String full = context.isEmpty() ? normalized.get() : context + "/" + normalized.get();
    if (!contexts.isFile(full)) {
      fields.problems().at(at, path + ": Dockerfile '" + full + "' of service '" + service
          + "' is not in the repository at this revision"
          + (parts.dockerfile.isEmpty() ? " (name another one with build.dockerfile)" : ""));
      return Optional.empty();
    }
    return Optional.of(parts.spec(context, normalized.get(), Optional.empty(), digest.get()));
  }

  /** The context resolved against the app's folder, or empty with a problem. */
  private Optional<String> context(String text, Node node, String path) {
    if (REMOTE.matcher(text).matches()) {
      fields.problems().at(node, path + " '" + text + "' is a remote context, which Driftless "
          + "does not support: it builds from the folders of the revision it deploys");
      return Optional.empty();
    }
    if (text.startsWith("/")) {
      fields.problems().at(node, path + " '" + text + "' is an absolute path: a build context "
          + "must be a folder of the repository, relative to the Compose file");
      return Optional.empty();
    }
    Optional<String> resolved = normalize(appDirectory, text);
    if (resolved.isEmpty()) {
      fields.problems().at(node, path + " '" + text + "' leaves the repository: a build context "
          + "must be a folder of the repository");
    }
    return resolved;
  }

  /** {@code relative} joined to {@code base} without {@code .} and {@code ..}; empty if it escapes. */
  static Optional<String> normalize(String base, String relative) {
    List<String> segments = new ArrayList<>();
    if (!base.isEmpty()) {
      segments.addAll(Arrays.asList(base.split("/")));
    }
    for (String segment : relative.replace('\\', '/').split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (segments.isEmpty()) {
          return Optional.empty();
        }
        segments.remove(segments.size() - 1);
      } else {
        segments.add(segment);
      }
    }
    return Optional.of(String.join("/", segments));
  }

  private long bytes(Node node, String path) {
    Optional<String> text = fields.literal(node, path, "a byte size such as 256m");
    if (text.isEmpty()) {
      return 0;
    }
    Matcher matcher = BYTES.matcher(text.get().trim());
    if (!matcher.matches()) {
      fields.problems().at(node, path + " must be a byte size such as 67108864, 512k, 64m or 1g, "
          + "found '" + text.get() + "'");
      return 0;
    }
    int shift = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      default -> 0;
    };
    try {
      return Math.multiplyExact(Long.parseLong(matcher.group(1)), 1L << shift);
    } catch (ArithmeticException | NumberFormatException e) {
      fields.problems().at(node, path + " '" + text.get() + "' is too large");
      return 0;
    }
  }

  /** {@code host:ip} entries, from a list ({@code host:ip} or {@code host=ip}) or a mapping. */
  private List<String> extraHosts(Node node, String path) {
    if (node instanceof MappingNode) {
      return fields.mapping(node, path).orElse(List.of()).stream()
          .flatMap(entry -> fields.literal(entry.value(), path + "." + entry.key(), "an address")
              .map(ip -> entry.key() + ":" + ip).stream())
          .toList();
    }
    List<String> hosts = new ArrayList<>();
    List<String> entries = strings(node, path);
    for (String entry : entries) {
      int equals = entry.indexOf('=');
      hosts.add(equals > 0 ? entry.substring(0, equals) + ":" + entry.substring(equals + 1) : entry);
    }
    return hosts;
  }

  private List<String> strings(Node node, String path) {
    if (!(node instanceof SequenceNode list)) {
      fields.problems().at(node, path + " must be a list of strings, found "
          + FieldReader.describe(node));
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < list.getValue().size(); i++) {
      fields.string(list.getValue().get(i), path + "[" + i + "]").ifPresent(values::add);
    }
    return values;
  }

  private void unsupported(YamlMapping.Entry entry, String service) {
    if (ComposeKeys.isExtension(entry.key())) {
      return;
    }
    fields.problems().at(entry.keyNode(), (UNSUPPORTED_KEYS.contains(entry.key())
        ? "unsupported key '" + entry.key() + "' in the build of service '" + service
            + "' (Driftless does not support it yet)"
        : "unknown key '" + entry.key() + "' in the build of service '" + service
            + "' (Driftless supports context, dockerfile, dockerfile_inline, args, target, labels,"
            + " network, shm_size, extra_hosts and cache_from)"));
  }

  /** The optional parts of a long-form build, as read so far. */
  private static final class Parts {
    Node dockerfileNode;
    Optional<String> dockerfile = Optional.empty();
    Optional<String> inline = Optional.empty();
    Map<String, String> args = Map.of();
    String target = "";
    Map<String, String> labels = Map.of();
    String network = "";
    long shmSize;
    List<String> extraHosts = List.of();
    List<String> cacheFrom = List.of();

    BuildSpec spec(String context, String dockerfile, Optional<String> inline, String digest) {
      return new BuildSpec(context, dockerfile, inline, args, target, labels, network, shmSize,
          extraHosts, cacheFrom, digest);
    }
  }
}
