package dev.driftless.manifests.secrets.sops;

import dev.driftless.manifests.secrets.sops.Node.GoType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two flat stores: dotenv as SOPS's dotenv store reads it, and INI as the go-ini library
 * under SOPS's INI store reads it. Both keep SOPS's metadata as flattened keys, which are split
 * off here and unflattened by {@link Metadata}.
 */
final class FlatReaders {

  /** A flat document: its tree and its metadata keys (prefix removed, newlines decoded). */
  record Flat(Node.Branch tree, Map<String, String> metadata) {}

  private FlatReaders() {}

  /**
   * SOPS's dotenv store: lines split on LF, blank lines skipped, {@code #} lines are comments,
   * other lines are {@code KEY=VALUE} split at the first {@code =}, with {@code \n} in a value
   * decoded to a newline; keys starting with {@code sops_} are the metadata.
   */
  static Flat dotenv(String text) {
    List<Node.Item> items = new ArrayList<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    Set<String> keys = new HashSet<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      if (line.charAt(0) == '#') {
        items.add(Node.Item.comment(line.substring(1)));
        continue;
      }
      int equals = line.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException("line " + (i + 1) + " is not KEY=VALUE");
      }
      String key = line.substring(0, equals);
      String value = line.substring(equals + 1).replace("\\n", "\n");
      if (!keys.add(key)) {
        throw new IllegalArgumentException("line " + (i + 1) + ": duplicate key '" + key + "'");
      }
      if (key.startsWith("sops_")) {
        metadata.put(key.substring("sops_".length()), value);
      } else {
        items.add(Node.Item.entry(key, new Node.Scalar(GoType.STRING, value)));
      }
    }
    return new Flat(new Node.Branch(items), metadata);
  }

  /**
   * go-ini's reading with its default options: lines trimmed, {@code #} and {@code ;} comment
   * lines attached to the next section or key, {@code [section]} headers, {@code key = value} or
   * {@code key: value}, inline comments cut at the first {@code #} or {@code ;} of an unquoted
   * value, and one layer of quotes removed. The {@code sops} section is the metadata.
   */
  static Flat ini(String text) {
    Map<String, List<Node.Item>> sections = new LinkedHashMap<>();
    sections.put("DEFAULT", new ArrayList<>());
    Map<String, Set<String>> keysBySection = new LinkedHashMap<>();
    String section = "DEFAULT";
    StringBuilder pendingComment = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#") || line.startsWith(";")) {
        if (pendingComment.length() > 0) {
          pendingComment.append('\n');
        }
        pendingComment.append(line);
        continue;
      }
      if (line.startsWith("[")) {
        int close = line.lastIndexOf(']');
        if (close < 0) {
          throw new IllegalArgumentException("line " + (i + 1) + ": unclosed section header");
        }
        section = line.substring(1, close).strip();
        if (section.isEmpty()) {
          throw new IllegalArgumentException("line " + (i + 1) + ": empty section name");
        }
        if (sections.containsKey(section) && !section.equals("DEFAULT")) {
          throw new IllegalArgumentException("line " + (i + 1) + ": section [" + section
              + "] appears twice");
        }
        List<Node.Item> items = sections.computeIfAbsent(section, name -> new ArrayList<>());
        if (pendingComment.length() > 0) {
          items.add(0, Node.Item.comment(stripCommentCharacter(pendingComment.toString())));
          pendingComment.setLength(0);
        }
        continue;
      }
      int delimiter = indexOfAny(line, "=:");
      if (delimiter <= 0) {
        throw new IllegalArgumentException("line " + (i + 1) + " is not key = value");
      }
      String key = line.substring(0, delimiter).strip();
      if (!keysBySection.computeIfAbsent(section, name -> new HashSet<>()).add(key)) {
        throw new IllegalArgumentException("line " + (i + 1) + ": duplicate key '" + key
            + "' in section [" + section + "]");
      }
      String value = value(line.substring(delimiter + 1), pendingComment, i + 1);
      List<Node.Item> items = sections.get(section);
      items.add(Node.Item.entry(key, new Node.Scalar(GoType.STRING, value)));
      if (pendingComment.length() > 0) {
        items.add(Node.Item.comment(stripCommentCharacter(pendingComment.toString().strip())));
        pendingComment.setLength(0);
      }
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    List<Node.Item> tree = new ArrayList<>();
    sections.forEach((name, items) -> {
      if (name.equals("sops")) {
        for (Node.Item item : items) {
          if (!item.isComment()) {
            metadata.put(item.key(), ((Node.Scalar) item.value()).text().replace("\\n", "\n"));
          }
        }
      } else {
        tree.add(Node.Item.entry(name, new Node.Branch(items)));
      }
    });
    return new Flat(new Node.Branch(tree), metadata);
  }

  private static String value(String raw, StringBuilder comment, int lineNumber) {
    String value = raw.stripLeading();
    if (value.startsWith("\"\"\"")) {
      throw new IllegalArgumentException("line " + lineNumber
          + ": multi-line (\"\"\") INI values are not supported");
    }
    if (!value.isEmpty() && (value.charAt(0) == '`'
        || (value.charAt(0) == '"' && !value.startsWith("\"\"")))) {
      int close = value.lastIndexOf(value.charAt(0));
      if (close <= 0) {
        throw new IllegalArgumentException("line " + lineNumber + ": unclosed quote");
      }
      return value.substring(1, close);
    }
    value = value.strip();
    int hash = indexOfAny(value, "#;");
    if (hash >= 0) {
      if (comment.length() > 0) {
        comment.append('\n');
      }
      comment.append(value.substring(hash));
      value = value.substring(0, hash).strip();
    }
    if (value.length() > 1 && ((value.startsWith("'") && value.endsWith("'"))
        || (value.startsWith("\"") && value.endsWith("\"")))) {
      value = value.substring(1, value.length() - 1);
    }
    return value;
  }

  /** SOPS's INI store drops the comment character and the blanks after it. */
  private static String stripCommentCharacter(String comment) {
    if (comment.startsWith(";")) {
      return comment.replaceFirst("^[; ]+", "");
    }
    if (comment.startsWith("#")) {
      return comment.replaceFirst("^[# ]+", "");
    }
    return comment;
  }

  private static int indexOfAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
