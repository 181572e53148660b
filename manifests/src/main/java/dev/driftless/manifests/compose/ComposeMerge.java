package dev.driftless.manifests.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Merges the node trees of several Compose files the way {@code docker compose -f a -f b} does
 * (compose-go's {@code override} package), before any service is read, so that every node keeps
 * the mark of the file it was written in and problems still point at the right file.
 *
 * <p>The rules: mappings are merged key by key, recursively; a scalar, or two nodes of different
 * kinds, are replaced by the later file's; sequences are appended, and for the fields Compose
 * keeps unique, an item of the later file replaces the earlier item with the same key (ports by
 * their whole definition, volumes, secrets and configs by their target, {@code dns},
 * {@code cap_add} and the like by value). {@code command}, {@code entrypoint} and
 * {@code healthcheck.test} are replaced whole. {@code environment}, {@code labels},
 * {@code extra_hosts}, {@code sysctls} and the other key-value fields are merged by key whatever
 * form (mapping or {@code KEY=VALUE} list) each file uses. {@code build: ./dir} counts as
 * {@code build: {context: ./dir}}; a list of {@code networks} or {@code depends_on} counts as a
 * mapping of the same names. A null in a later file leaves the earlier value as it was.
 *
 * <p>The input trees are never changed (aliases may share their nodes); merged mappings and
 * sequences are new nodes. Merge keys are resolved and duplicate keys refused on the way, through
 * {@link YamlMapping}. A merge that would visit more than {@value #MAX_STEPS} nodes (aliases make
 * a small file describe a huge tree) is refused.
 *
 * <p>Deliberate difference: Compose interpolates each file before merging, Driftless after. The
 * result differs only for a {@code KEY=VALUE} list item whose key holds a variable.
 */
final class ComposeMerge {

  static final int MAX_STEPS = 50_000;

  private static final Set<String> REPLACED = Set.of("services.*.command",
      "services.*.entrypoint", "services.*.healthcheck.test");

  private static final Set<String> KEY_VALUE = Set.of("services.*.environment",
      "services.*.labels", "services.*.annotations", "services.*.sysctls",
      "services.*.extra_hosts", "services.*.build.args", "services.*.build.labels",
      "services.*.build.extra_hosts", "services.*.build.additional_contexts",
      "services.*.deploy.labels", "networks.*.labels", "volumes.*.labels");

  /** Sequences whose items are unique by a key; a later item replaces the earlier one. */
  private static final Map<String, Function<Node, String>> UNIQUE = Map.ofEntries(
      Map.entry("services.*.ports", ComposeMerge::port),
      Map.entry("services.*.expose", ComposeMerge::whole),
      Map.entry("services.*.dns", ComposeMerge::whole),
      Map.entry("services.*.dns_opt", ComposeMerge::whole),
      Map.entry("services.*.dns_search", ComposeMerge::whole),
      Map.entry("services.*.cap_add", ComposeMerge::whole),
      Map.entry("services.*.cap_drop", ComposeMerge::whole),
      Map.entry("services.*.profiles", ComposeMerge::whole),
      Map.entry("services.*.links", ComposeMerge::whole),
      Map.entry("services.*.tmpfs", ComposeMerge::whole),
      Map.entry("services.*.networks.*.aliases", ComposeMerge::whole),
      Map.entry("services.*.env_file", node -> field(node, "path").orElseGet(() -> whole(node))),
      Map.entry("services.*.volumes", ComposeMerge::mountTarget),
      Map.entry("services.*.devices", ComposeMerge::mountTarget),
      Map.entry("services.*.secrets", node -> secretTarget(node, "/run/secrets/")),
      Map.entry("services.*.configs", node -> secretTarget(node, "/")));

  /** Mappings whose keys are names chosen by the user: one pattern covers them all. */
  private static final Set<String> NAMED = Set.of("services", "networks", "volumes", "secrets",
      "configs", "services.*.networks", "services.*.ulimits", "services.*.depends_on");

  private final ProblemCollector problems;
  private int steps;
  private boolean exhausted;

  private ComposeMerge(ProblemCollector problems) {
    this.problems = problems;
  }

  /** The merge of the files' roots, in order; a root that is not a mapping is left to the reader. */
  static Node merge(List<Node> roots, ProblemCollector problems) {
    ComposeMerge merge = new ComposeMerge(problems);
    Node merged = roots.get(0);
    for (int i = 1; i < roots.size() && !merge.exhausted; i++) {
      merged = merge.merge(merged, roots.get(i), "", "the top level");
    }
    return merged;
  }

  private Node merge(Node base, Node override, String pattern, String path) {
    if (++steps > MAX_STEPS) {
      if (!exhausted) {
        exhausted = true;
        problems.at(override, "the Compose files are too large to merge (more than " + MAX_STEPS
            + " nodes once their aliases are expanded)");
      }
      return override;
    }
    if (YamlMapping.isNull(override)) {
      return base;
    }
    if (REPLACED.contains(pattern)) {
      return override;
    }
    if (KEY_VALUE.contains(pattern)) {
      return keyValues(base, override, pattern, path);
    }
    if (pattern.equals("services.*.build")) {
      return mappings(asMapping(base, "context"), asMapping(override, "context"), pattern, path);
    }
    if (pattern.equals("services.*.networks") || pattern.equals("services.*.depends_on")) {
      return mappings(namesAsMapping(base), namesAsMapping(override), pattern, path);
    }
    if (base instanceof MappingNode && override instanceof MappingNode) {
      return mappings(base, override, pattern, path);
    }
    if (base instanceof SequenceNode first && override instanceof SequenceNode second) {
      return sequences(first, second, UNIQUE.get(pattern));
    }
    return override;
  }

  private Node mappings(Node base, Node override, String pattern, String path) {
    if (!(base instanceof MappingNode first) || !(override instanceof MappingNode second)) {
      return override;
    }
    Map<String, YamlMapping.Entry> merged = new LinkedHashMap<>();
    YamlMapping.entries(first, path, problems).forEach(entry -> merged.put(entry.key(), entry));
    for (YamlMapping.Entry entry : YamlMapping.entries(second, path, problems)) {
      YamlMapping.Entry earlier = merged.get(entry.key());
      if (earlier == null) {
        merged.put(entry.key(), entry);
      } else {
        String child = (NAMED.contains(pattern) ? "*" : entry.key());
        Node value = merge(earlier.value(), entry.value(),
            pattern.isEmpty() ? child : pattern + "." + child, path + "." + entry.key());
        merged.put(entry.key(), new YamlMapping.Entry(entry.key(), earlier.keyNode(), value));
      }
    }
    List<NodeTuple> tuples = new ArrayList<>();
    merged.values().forEach(entry -> tuples.add(new NodeTuple(entry.keyNode(), entry.value())));
    return new MappingNode(Tag.MAP, true, tuples, first.getStartMark(), first.getEndMark(),
        FlowStyle.BLOCK);
  }

  private Node sequences(SequenceNode base, SequenceNode override,
      Function<Node, String> uniqueBy) {
    List<Node> items = new ArrayList<>(base.getValue());
    items.addAll(override.getValue());
    if (uniqueBy != null) {
      Map<String, Integer> seen = new LinkedHashMap<>();
      List<Node> unique = new ArrayList<>();
      for (Node item : items) {
        String key = uniqueBy.apply(item);
        Integer at = key == null ? null : seen.putIfAbsent(key, unique.size());
        if (at == null) {
          unique.add(item);
        } else {
          unique.set(at, item);
        }
      }
      items = unique;
    }
    return new SequenceNode(Tag.SEQ, true, items, base.getStartMark(), base.getEndMark(),
        FlowStyle.BLOCK);
  }

  /**
   * Two key-value fields merged by key. Two lists stay a list (of the items as written); any
   * other pair becomes a mapping, a {@code KEY=VALUE} item becoming the entry {@code KEY: VALUE}.
   */
  private Node keyValues(Node base, Node override, String pattern, String path) {
    if (base instanceof SequenceNode first && override instanceof SequenceNode second) {
      return sequences(first, second, ComposeMerge::keyOfItem);
    }
    Optional<MappingNode> first = keyValueMapping(base, pattern);
    Optional<MappingNode> second = keyValueMapping(override, pattern);
    if (first.isEmpty() || second.isEmpty()) {
      return override;
    }
    return mappings(first.get(), second.get(), pattern, path);
  }

  private static Optional<MappingNode> keyValueMapping(Node node, String pattern) {
    if (node instanceof MappingNode mapping) {
      return Optional.of(mapping);
    }
    if (!(node instanceof SequenceNode list)) {
      return Optional.empty();
    }
    boolean hosts = pattern.endsWith("extra_hosts");
    List<NodeTuple> tuples = new ArrayList<>();
    for (Node item : list.getValue()) {
      if (!(item instanceof ScalarNode scalar)) {
        return Optional.empty();
      }
      String text = scalar.getValue();
      int split = separator(text, hosts);
      Node key = scalar(split < 0 ? text : text.substring(0, split), item);
      Node value = split < 0
          ? new ScalarNode(Tag.NULL, "", item.getStartMark(), item.getEndMark(), ScalarStyle.PLAIN)
          : scalar(text.substring(split + 1), item);
      tuples.add(new NodeTuple(key, value));
    }
    return Optional.of(new MappingNode(Tag.MAP, true, tuples, list.getStartMark(), list.getEndMark(),
        FlowStyle.BLOCK));
  }

  /** {@code build: ./dir} as {@code build: {context: ./dir}}. */
  private static Node asMapping(Node node, String key) {
    if (!(node instanceof ScalarNode) || YamlMapping.isNull(node)) {
      return node;
    }
    return new MappingNode(Tag.MAP, true, List.of(new NodeTuple(scalar(key, node), node)),
        node.getStartMark(), node.getEndMark(), FlowStyle.BLOCK);
  }

  /** {@code [a, b]} as {@code {a: null, b: null}}, which Compose reads the same. */
  private static Node namesAsMapping(Node node) {
    if (!(node instanceof SequenceNode list)
        || !list.getValue().stream().allMatch(item -> item instanceof ScalarNode)) {
      return node;
    }
    List<NodeTuple> tuples = new ArrayList<>();
    for (Node item : list.getValue()) {
      tuples.add(new NodeTuple(item,
          new ScalarNode(Tag.NULL, "", item.getStartMark(), item.getEndMark(), ScalarStyle.PLAIN)));
    }
    return new MappingNode(Tag.MAP, true, tuples, node.getStartMark(), node.getEndMark(),
        FlowStyle.BLOCK);
  }

  private static ScalarNode scalar(String text, Node at) {
    return new ScalarNode(Tag.STR, text, at.getStartMark(), at.getEndMark(),
        ScalarStyle.DOUBLE_QUOTED);
  }

  private static int separator(String text, boolean hosts) {
    int equals = text.indexOf('=');
    if (!hosts) {
      return equals;
    }
    int colon = text.indexOf(':');
    return equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
  }

  private static String keyOfItem(Node item) {
    if (item instanceof ScalarNode scalar) {
      int equals = scalar.getValue().indexOf('=');
      return equals < 0 ? scalar.getValue() : scalar.getValue().substring(0, equals);
    }
    return null;
  }

  private static String whole(Node item) {
    return item instanceof ScalarNode scalar ? "=" + scalar.getValue() : null;
  }

  /** A port by its whole short syntax, or by address, published port, target and protocol. */
  private static String port(Node item) {
    if (item instanceof ScalarNode) {
      return whole(item);
    }
    return field(item, "target").map(target -> field(item, "host_ip").orElse("") + ":"
        + field(item, "published").orElse("") + ":" + target + "/"
        + field(item, "protocol").orElse("tcp")).orElse(null);
  }

  /** A volume or device by its target: the container path of short or long syntax. */
  private static String mountTarget(Node item) {
    if (item instanceof ScalarNode scalar) {
      String[] parts = scalar.getValue().split(":");
      return parts.length == 1 ? parts[0] : parts[1];
    }
    return field(item, "target").orElse(null);
  }

  /** A secret or config by its target, which defaults to a path named after its source. */
  private static String secretTarget(Node item, String directory) {
    if (item instanceof ScalarNode scalar) {
      return directory + scalar.getValue();
    }
    Optional<String> target = field(item, "target");
    if (target.isPresent()) {
      return target.get().startsWith("/") ? target.get() : directory + target.get();
    }
    return field(item, "source").map(source -> directory + source).orElse(null);
  }

  private static Optional<String> field(Node item, String key) {
    if (item instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode name && name.getValue().equals(key)
            && tuple.getValueNode() instanceof ScalarNode value) {
          return Optional.of(value.getValue());
        }
      }
    }
    return Optional.empty();
  }
}
