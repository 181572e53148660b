package dev.driftless.manifests.compose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The entries of a mapping node as Compose sees them: merge keys ({@code <<: *base}) applied,
 * duplicate keys refused.
 *
 * <p>SnakeYAML's composer keeps both the merge keys and the duplicates in the tree (they are
 * handled when objects are constructed, which this module never does). The merge follows the
 * YAML merge-key rules that Compose uses: keys written in the mapping win over merged ones, and
 * in {@code <<: [*a, *b]} the earlier mapping wins. Merged entries keep the position where they
 * were written, so a problem in a merged value points at the anchor's text.
 */
public final class YamlMapping {

  /** One key and its value; the key is the scalar's text exactly as written. */
  public record Entry(String key, Node keyNode, Node value) {}

  /** A mapping to merge, and the {@code <<} that asks for it (its position, for problems). */
  private record Source(Node mergeKey, MappingNode mapping) {}

  private YamlMapping() {}

  /** The entries of {@code mapping}, locals first, in file order. */
  public static List<Entry> entries(
      MappingNode mapping, String path, ProblemCollector problems) {
    Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    return new ArrayList<>(
        flatten(mapping, path, problems, inProgress, new IdentityHashMap<>()).values());
  }

  /**
   * The flattened entries of {@code mapping}. Each mapping is flattened once per call of
   * {@link #entries} ({@code done}): a chain of anchors each merging the previous one twice would
   * otherwise take time exponential in its length, a "billion laughs" made of merge keys.
   */
  private static Map<String, Entry> flatten(MappingNode mapping, String path,
      ProblemCollector problems, Set<Node> inProgress, Map<Node, Map<String, Entry>> done) {
    Map<String, Entry> known = done.get(mapping);
    if (known != null) {
      return known;
    }
    inProgress.add(mapping);
    Map<String, Entry> local = new LinkedHashMap<>();
    List<Source> sources = new ArrayList<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (isMergeKey(keyNode)) {
        mergeSources(tuple.getValueNode(), path, problems)
            .forEach(source -> sources.add(new Source(keyNode, source)));
      } else if (keyNode instanceof ScalarNode scalar) {
        Entry previous = local.putIfAbsent(
            scalar.getValue(), new Entry(scalar.getValue(), keyNode, tuple.getValueNode()));
        if (previous != null) {
          problems.at(keyNode, "duplicate key '" + scalar.getValue() + "' in " + path
              + " (first written at line " + (previous.keyNode().getStartMark().getLine() + 1)
              + ", column " + (previous.keyNode().getStartMark().getColumn() + 1) + ")");
        }
      } else {
        problems.at(keyNode, path + " has a key that is not a string");
      }
    }
    Map<String, Entry> merged = new LinkedHashMap<>(local);
    for (Source source : sources) {
      if (inProgress.contains(source.mapping())) {
        problems.at(source.mergeKey(),
            "the merge key '<<' in " + path + " refers to a mapping that contains it");
        continue;
      }
      flatten(source.mapping(), path, problems, inProgress, done).forEach(merged::putIfAbsent);
    }
    inProgress.remove(mapping);
    done.put(mapping, merged);
    return merged;
  }

  /** Whether the node is YAML's null: {@code ~}, {@code null} or nothing at all. */
  public static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  /** "a mapping", "a list", "null" or the scalar quoted (cut at 40 characters), for messages. */
  public static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (isNull(node)) {
      return "null";
    }
    String value = ((ScalarNode) node).getValue();
    return "'" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'";
  }

  private static boolean isMergeKey(Node key) {
    return key instanceof ScalarNode && Tag.MERGE.equals(key.getTag());
  }

  private static List<MappingNode> mergeSources(
      Node value, String path, ProblemCollector problems) {
    if (value instanceof MappingNode mapping) {
      return List.of(mapping);
    }
    if (value instanceof SequenceNode sequence
        && sequence.getValue().stream().allMatch(MappingNode.class::isInstance)) {
      return sequence.getValue().stream().map(MappingNode.class::cast).toList();
    }
    problems.at(value, "the merge key '<<' in " + path
        + " takes a mapping or a list of mappings (usually an alias such as *base)");
    return List.of();
  }
}
