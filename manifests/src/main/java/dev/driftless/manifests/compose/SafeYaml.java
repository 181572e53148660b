package dev.driftless.manifests.compose;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns untrusted YAML text into a SnakeYAML node tree, and nothing more.
 *
 * <p>A Compose file arrives from a git push, so it is treated as hostile: only the composer runs
 * (no constructor, so no object of any class is ever created from the text), global tags are
 * refused by the tag inspector and every other non-standard tag by {@link #inspect}, and size,
 * nesting and alias expansion are bounded so that a small file cannot exhaust memory or stack.
 * Duplicate keys and merge keys are handled on the tree by {@link YamlMapping}, because the
 * composer does not check them.
 */
public final class SafeYaml {

  /** About 3 MB of text: far above any real Compose file, far below a memory problem. */
  static final int MAX_CODE_POINTS = 3 * 1024 * 1024;

  /**
   * Aliases to mappings or lists. A Compose file of 500 services each merging one anchor
   * ({@code <<: *common}) is ordinary, so the bound is loose; what stops a "billion laughs" is
   * {@link #MAX_EXPANDED_NODES}.
   */
  static final int MAX_ALIASES_FOR_COLLECTIONS = 5_000;

  /**
   * Nodes of the tree once every alias is expanded, which bounds the work of every reader after
   * the composer (readers visit an aliased node once per alias). A real file of a few thousand
   * services stays far below it; nested aliases doubling at each level do not.
   */
  static final long MAX_EXPANDED_NODES = 2_000_000;

  static final int MAX_NESTING_DEPTH = 50;

  /** The tags a Compose value can carry, written or implied; anything else is refused. */
  private static final Set<Tag> STANDARD_TAGS =
      Set.of(
          Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.MERGE, Tag.MAP,
          Tag.SEQ);

  private SafeYaml() {}

  /**
   * The root node of the single document in {@code text}; empty when the text is not YAML (the
   * problem is then in {@code problems}) or holds no document at all.
   */
  static Optional<Node> compose(String text, ProblemCollector problems) {
    return compose(problems.file(), text, problems);
  }

  /**
   * Like {@link #compose(String, ProblemCollector)}, for the file {@code file}: every node's marks
   * name that file, so that problems found after several files were merged still point at the
   * file a node was written in.
   */
  public static Optional<Node> compose(String file, String text, ProblemCollector problems) {
    int replacement = text.indexOf('\uFFFD');
    if (replacement >= 0) {
      problems.at(markAt(file, text, replacement), "the file is not valid UTF-8 text (it holds "
          + "U+FFFD, which a decoder leaves in place of bytes that are not UTF-8); save it as UTF-8");
      return Optional.empty();
    }
    if (text.length() > MAX_CODE_POINTS
        && text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
      // Checked up front as well: SnakeYAML would find out only after scanning that far.
      problems.at(markAt(file, text, -1), "the file is larger than " + MAX_CODE_POINTS
          + " characters, far more than any Compose file needs");
      return Optional.empty();
    }
    LoaderOptions options = options();
    try {
      Composer composer =
          new Composer(new ParserImpl(new NamedReader(file, text), options), new Resolver(),
              options);
      Node root = composer.getSingleNode();
      if (root != null) {
        if (inspect(root, problems) > MAX_EXPANDED_NODES) {
          problems.at(root, "the file's aliases expand to more than " + MAX_EXPANDED_NODES
              + " nodes, far more than any Compose file needs (nested aliases, a \"billion "
              + "laughs\"?)");
          return Optional.empty();
        }
      }
      return Optional.ofNullable(root);
    } catch (MarkedYAMLException e) {
      problems.at(e.getProblemMark(), describe(e));
    } catch (YAMLException e) {
      // The size, depth and alias limits carry no position.
      problems.at(markAt(file, text, -1), e.getMessage());
    } catch (StackOverflowError e) {
      // Bounded nesting makes this unreachable in practice; a clear error all the same.
      problems.at(markAt(file, text, -1), "the file nests too deeply to be read");
    }
    return Optional.empty();
  }

  /** The prefix of the mark names this class gives, so that a mark tells its file. */
  static final String FILE_MARK_PREFIX = "driftless-file:";

  /**
   * A mark in {@code file} at character {@code index} (its line and column worked out), or a mark
   * for the file as a whole when {@code index} is negative.
   */
  static Mark markAt(String file, String text, int index) {
    if (index < 0) {
      return new Mark(FILE_MARK_PREFIX + file, 0, -1, -1, new int[0], 0);
    }
    int line = 0;
    int lineStart = 0;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Mark(FILE_MARK_PREFIX + file, index, line, index - lineStart, new int[0], 0);
  }

  /** SnakeYAML's reader, naming every mark after the file so that merged nodes keep their file. */
  private static final class NamedReader extends StreamReader {

    private final String name;

    NamedReader(String file, String text) {
      super(text);
      this.name = FILE_MARK_PREFIX + file;
    }

    @Override
    public Mark getMark() {
      Mark mark = super.getMark();
      return new Mark(name, mark.getIndex(), mark.getLine(), mark.getColumn(), mark.getBuffer(),
          mark.getPointer());
    }
  }

  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMergeOnCompose(false);
    options.setProcessComments(false);
    options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
    options.setNestingDepthLimit(MAX_NESTING_DEPTH);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setTagInspector(tag -> false);
    return options;
  }

  /**
   * Reports every node whose tag is not a plain YAML type, and returns how many nodes the tree
   * has once aliases are expanded (a shared node counts once per reference), saturating just
   * above {@link #MAX_EXPANDED_NODES}. One iterative pass over the shared nodes, each visited
   * once: aliases can make the logical depth far exceed the nesting limit.
   */
  static long inspect(Node root, ProblemCollector problems) {
    Map<Node, Long> sizes = new IdentityHashMap<>();
    Set<Node> visiting = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Node> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      Node node = pending.peek();
      if (sizes.containsKey(node)) {
        pending.pop();
        continue;
      }
      List<Node> children = children(node);
      if (visiting.add(node)) {
        if (!STANDARD_TAGS.contains(node.getTag())) {
          problems.at(node, "tag '" + shortForm(node.getTag()) + "' is not allowed: a Compose "
              + "file holds plain YAML values (strings, numbers, booleans, lists and mappings)");
        }
        // A child already being visited is a cycle: the readers refuse those, count it once.
        for (int i = children.size() - 1; i >= 0; i--) {
          Node child = children.get(i);
          if (!sizes.containsKey(child) && !visiting.contains(child)) {
            pending.push(child);
          }
        }
        continue;
      }
      pending.pop();
      visiting.remove(node);
      long size = 1;
      for (Node child : children) {
        size = Math.min(MAX_EXPANDED_NODES + 1, size + sizes.getOrDefault(child, 1L));
      }
      sizes.put(node, size);
    }
    return sizes.get(root);
  }

  private static List<Node> children(Node node) {
    if (node instanceof MappingNode mapping) {
      List<Node> children = new ArrayList<>(mapping.getValue().size() * 2);
      for (NodeTuple tuple : mapping.getValue()) {
        children.add(tuple.getKeyNode());
        children.add(tuple.getValueNode());
      }
      return children;
    }
    if (node instanceof SequenceNode sequence) {
      return sequence.getValue();
    }
    return List.of();
  }

  private static String shortForm(Tag tag) {
    String value = tag.getValue();
    return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
  }

  /** SnakeYAML's problem, with its context when it has one ("while scanning a quoted scalar"). */
  private static String describe(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    String context = e.getContext();
    if (context == null) {
      return problem;
    }
    if (problem.startsWith("but ")) {
      return context + ", " + problem;
    }
    Mark contextMark = e.getContextMark();
    if (contextMark == null || samePosition(contextMark, e.getProblemMark())) {
      return problem + " (" + context + ")";
    }
    return problem + " (" + context + " started at line " + (contextMark.getLine() + 1)
        + ", column " + (contextMark.getColumn() + 1) + ")";
  }

  private static boolean samePosition(Mark a, Mark b) {
    return b != null && a.getLine() == b.getLine() && a.getColumn() == b.getColumn();
  }
}
