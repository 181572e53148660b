package dev.driftless.manifests.secrets.sops;

import dev.driftless.manifests.secrets.sops.Node.GoType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CommentEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a SOPS YAML document into SOPS's tree the way SOPS (gopkg.in/yaml.v3) sees it, safely.
 *
 * <p>Safety as in the Compose reader: only SnakeYAML's composer runs, so no object is ever built
 * from a tag; global and non-standard tags are refused; size, nesting and aliases are bounded.
 * Fidelity to SOPS: plain scalars are typed by yaml.v3's rules rather than YAML 1.1's (so
 * {@code yes} stays a string), because the MAC hashes each value as Go typed it; and comments are
 * placed in the mapping or list their indentation puts them in, which is where yaml.v3 attaches
 * them and hence the path SOPS used as their additional data.
 */
final class YamlReader {

  static final int MAX_CODE_POINTS = 8 * 1024 * 1024;
  private static final int MAX_NESTING_DEPTH = 64;
  private static final int MAX_ALIASES_FOR_COLLECTIONS = 50;
  private static final int MAX_NODES = 1_000_000;
  /** The tag our resolver gives untagged plain scalars, so that they can be typed as yaml.v3 does. */
  private static final Tag PLAIN = new Tag("tag:driftless.dev,2025:plain");

  private final List<Collection> collections = new ArrayList<>();
  private int nodes;

  private YamlReader() {}

  /** The documents of {@code text}, each a mapping; throws with a line number when invalid. */
  static List<Node.Branch> read(String text) {
    return new YamlReader().readAll(text);
  }

  private List<Node.Branch> readAll(String text) {
    List<Comment> comments = comments(text);
    List<Node.Branch> documents = new ArrayList<>();
    List<Collection> roots = new ArrayList<>();
    try {
      LoaderOptions options = options(false);
      Composer composer = new Composer(new ParserImpl(new StreamReader(text), options),
          new PlainResolver(), options);
      while (composer.checkNode()) {
        org.yaml.snakeyaml.nodes.Node root = composer.getNode();
        Collection collection = document(root);
        roots.add(collection);
      }
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      throw new IllegalArgumentException("invalid YAML"
          + (mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column "
              + (mark.getColumn() + 1)) + ": " + e.getProblem());
    } catch (YAMLException e) {
      throw new IllegalArgumentException("invalid YAML: " + e.getMessage());
    }
    placeComments(comments, roots);
    for (Collection root : roots) {
      documents.add((Node.Branch) root.build());
    }
    return documents;
  }

  private static LoaderOptions options(boolean comments) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMergeOnCompose(false);
    options.setProcessComments(comments);
    options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
    options.setNestingDepthLimit(MAX_NESTING_DEPTH);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setTagInspector(tag -> false);
    return options;
  }

  /** The comment lines, from the parser's comment events (which skip block scalars' content). */
  private static List<Comment> comments(String text) {
    List<Comment> comments = new ArrayList<>();
    try {
      Parser parser = new ParserImpl(new StreamReader(text), options(true));
      while (!parser.checkEvent(Event.ID.StreamEnd)) {
        Event event = parser.getEvent();
        if (event instanceof CommentEvent comment
            && comment.getCommentType() != CommentType.BLANK_LINE) {
          Mark mark = comment.getStartMark();
          comments.add(new Comment(mark.getLine(), mark.getColumn(), comment.getValue(),
              comment.getCommentType() == CommentType.IN_LINE));
        }
      }
    } catch (YAMLException e) {
      // The composer below reports the same problem with a better message.
    }
    return comments;
  }

  private Collection document(org.yaml.snakeyaml.nodes.Node root) {
    if (root instanceof MappingNode mapping) {
      return mapping(mapping, -1, 0);
    }
    if (root instanceof ScalarNode scalar && scalar.getTag().equals(PLAIN)
        && GoValues.resolvePlainYaml(scalar.getValue()) == GoType.NULL) {
      Collection empty = new Collection(true, root.getStartMark().getColumn(), -1, 0);
      collections.add(empty);
      return empty;
    }
    throw new IllegalArgumentException("line " + (root.getStartMark().getLine() + 1)
        + ": a SOPS YAML document must be a mapping");
  }

  private Collection mapping(MappingNode mapping, int ownerLine, int depth) {
    checkTag(mapping, Tag.MAP);
    int column = mapping.getValue().isEmpty()
        ? mapping.getStartMark().getColumn()
        : mapping.getValue().get(0).getKeyNode().getStartMark().getColumn();
    Collection collection = new Collection(true, column, ownerLine, depth);
    collections.add(collection);
    Set<String> keys = new HashSet<>();
    for (NodeTuple tuple : mapping.getValue()) {
      org.yaml.snakeyaml.nodes.Node keyNode = tuple.getKeyNode();
      String key = key(keyNode);
      if (!keys.add(key)) {
        throw new IllegalArgumentException("line " + (keyNode.getStartMark().getLine() + 1)
            + ": duplicate key '" + key + "'");
      }
      int line = keyNode.getStartMark().getLine();
      collection.entries.add(new Entry(line, keyNode.getStartMark().getColumn(), key,
          value(tuple.getValueNode(), line, depth + 1)));
    }
    return collection;
  }

  private Object value(org.yaml.snakeyaml.nodes.Node node, int ownerLine, int depth) {
    if (++nodes > MAX_NODES || depth > MAX_NESTING_DEPTH) {
      throw new IllegalArgumentException("the document is too large or too deeply nested "
          + "(after expanding aliases)");
    }
    if (node instanceof MappingNode mapping) {
      return mapping(mapping, ownerLine, depth);
    }
    if (node instanceof SequenceNode sequence) {
      checkTag(sequence, Tag.SEQ);
      Collection collection =
          new Collection(false, sequence.getStartMark().getColumn(), ownerLine, depth);
      collections.add(collection);
      for (org.yaml.snakeyaml.nodes.Node item : sequence.getValue()) {
        int line = item.getStartMark().getLine();
        collection.entries.add(new Entry(line, collection.column, null,
            value(item, line, depth + 1)));
      }
      return collection;
    }
    ScalarNode scalar = (ScalarNode) node;
    if (scalar.getTag().equals(PLAIN)) {
      return new Node.Scalar(GoValues.resolvePlainYaml(scalar.getValue()), scalar.getValue());
    }
    checkTag(scalar, Tag.STR);
    return new Node.Scalar(GoType.STRING, scalar.getValue());
  }

  private static String key(org.yaml.snakeyaml.nodes.Node node) {
    if (node instanceof ScalarNode scalar) {
      if (scalar.getTag().equals(Tag.STR)) {
        return scalar.getValue();
      }
      if (scalar.getTag().equals(PLAIN)
          && GoValues.resolvePlainYaml(scalar.getValue()) == GoType.STRING) {
        return scalar.getValue();
      }
    }
    throw new IllegalArgumentException("line " + (node.getStartMark().getLine() + 1)
        + ": SOPS only supports string keys (quote this key)");
  }

  private static void checkTag(org.yaml.snakeyaml.nodes.Node node, Tag expected) {
    if (!node.getTag().equals(expected)) {
      throw new IllegalArgumentException("line " + (node.getStartMark().getLine() + 1)
          + ": the YAML tag '" + node.getTag().getValue() + "' is not supported in a SOPS document");
    }
  }

  /**
   * Puts every comment into the innermost mapping or list whose entries sit at or left of the
   * comment's column and whose lines it falls among, before the first entry after it.
   */
  private void placeComments(List<Comment> comments, List<Collection> roots) {
    if (comments.isEmpty() || roots.isEmpty()) {
      return;
    }
    List<Entry> allEntries = new ArrayList<>();
    collections.forEach(collection -> allEntries.addAll(collection.entries));
    allEntries.sort(Comparator.comparingInt(Entry::line));
    for (Collection collection : collections) {
      collection.end = Integer.MAX_VALUE;
      int last = collection.entries.isEmpty() ? collection.ownerLine
          : collection.entries.get(collection.entries.size() - 1).line;
      for (Entry entry : allEntries) {
        if (entry.line > last && entry.column < collection.column) {
          collection.end = entry.line;
          break;
        }
      }
    }
    for (Comment comment : comments) {
      Collection best = null;
      for (Collection candidate : collections) {
        if (candidate.column <= comment.column && candidate.ownerLine < comment.line
            && comment.line < candidate.end
            && (best == null || candidate.column > best.column
                || (candidate.column == best.column && candidate.depth > best.depth))) {
          best = candidate;
        }
      }
      if (best == null) {
        best = roots.get(0);
      }
      best.comments.add(comment);
    }
  }

  /** A comment line: zero-based line and column, the text after {@code #}. */
  private record Comment(int line, int column, String text, boolean inline) {}

  /** A mapping entry (with key) or list item (without), with where it starts. */
  private record Entry(int line, int column, String key, Object value) {}

  /** A mapping or list being built, with what comment placement needs to know of it. */
  private static final class Collection {
    final boolean mapping;
    final int column;
    final int ownerLine;
    final int depth;
    final List<Entry> entries = new ArrayList<>();
    final List<Comment> comments = new ArrayList<>();
    int end;
    private Node built;

    Collection(boolean mapping, int column, int ownerLine, int depth) {
      this.mapping = mapping;
      this.column = column;
      this.ownerLine = ownerLine;
      this.depth = depth;
    }

    /** The finished mapping or list, with the comments placed among its entries. */
    Node build() {
      if (built != null) {
        return built;
      }
      List<Comment> pending = new ArrayList<>(comments);
      pending.sort(Comparator.comparingInt(Comment::line));
      int next = 0;
      List<Node.Item> items = new ArrayList<>();
      List<Node> sequenceItems = new ArrayList<>();
      for (Entry entry : entries) {
        while (next < pending.size() && pending.get(next).line() <= entry.line()
            && (pending.get(next).line() < entry.line() || pending.get(next).inline())) {
          addComment(pending.get(next++), items, sequenceItems);
        }
        Node value = entry.value() instanceof Collection nested ? nested.build()
            : (Node) entry.value();
        if (mapping) {
          items.add(Node.Item.entry(entry.key(), value));
        } else {
          sequenceItems.add(value);
        }
      }
      while (next < pending.size()) {
        addComment(pending.get(next++), items, sequenceItems);
      }
      built = mapping ? new Node.Branch(items) : new Node.Sequence(sequenceItems);
      return built;
    }

    private void addComment(Comment comment, List<Node.Item> items, List<Node> sequenceItems) {
      if (mapping) {
        items.add(Node.Item.comment(comment.text()));
      } else {
        sequenceItems.add(new Node.Comment(comment.text()));
      }
    }
  }

  /** Tags untagged plain scalars with {@link #PLAIN}, and quoted ones as strings. */
  private static final class PlainResolver extends Resolver {
    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
      if (kind == NodeId.scalar) {
        return implicit ? PLAIN : Tag.STR;
      }
      return super.resolve(kind, value, implicit);
    }
  }
}
