package dev.driftless.manifests.secrets.sops;

import java.util.List;

/**
 * A SOPS document as SOPS itself sees it, whatever the file format: ordered mappings whose items
 * are keyed entries or comments, sequences, and scalars that remember both their text and the
 * type the Go YAML or JSON decoder would have given them (the MAC depends on that type).
 */
sealed interface Node permits Node.Branch, Node.Sequence, Node.Scalar, Node.Comment {

  /** An ordered mapping. */
  record Branch(List<Item> items) implements Node {
    public Branch {
      items = List.copyOf(items);
    }
  }

  /** One item of a mapping: either a keyed entry or a comment ({@code key} null). */
  record Item(String key, Node value) {

    static Item entry(String key, Node value) {
      return new Item(key, value);
    }

    static Item comment(String text) {
      return new Item(null, new Comment(text));
    }

    boolean isComment() {
      return key == null;
    }
  }

  /** A sequence; its items may include comments. */
  record Sequence(List<Node> items) implements Node {
    public Sequence {
      items = List.copyOf(items);
    }
  }

  /** A scalar with the Go type SOPS's decoder gives it; {@code NULL} scalars are never walked. */
  record Scalar(GoType type, String text) implements Node {}

  /** A comment line, without its comment character. */
  record Comment(String text) implements Node {}

  /** The Go types a SOPS tree holds. */
  enum GoType { STRING, INT, FLOAT, BOOL, NULL }
}
