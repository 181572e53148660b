package dev.driftless.manifests.secrets.sops;

import dev.driftless.manifests.secrets.sops.Node.GoType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A strict JSON (RFC 8259) reader into SOPS's tree: key order is kept, numbers keep their text
 * (Go decodes them as float64, and the MAC hashes that float), duplicate keys and trailing data are
 * refused, and nesting is bounded.
 */
final class JsonReader {

  private static final int MAX_DEPTH = 100;

  private final String text;
  private int position;

  private JsonReader(String text) {
    this.text = text;
  }

  /** The top-level object; throws {@link IllegalArgumentException} with a position. */
  static Node.Branch read(String text) {
    JsonReader reader = new JsonReader(text);
    reader.skipWhitespace();
    if (reader.peek() != '{') {
      throw reader.error("a SOPS JSON document is an object ('{')");
    }
    Node value = reader.value(0);
    reader.skipWhitespace();
    if (reader.position != text.length()) {
      throw reader.error("unexpected data after the top-level object");
    }
    return (Node.Branch) value;
  }

  private Node value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH + " levels");
    }
    skipWhitespace();
    char c = peek();
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return new Node.Scalar(GoType.STRING, string());
      case 't':
        literal("true");
        return new Node.Scalar(GoType.BOOL, "true");
      case 'f':
        literal("false");
        return new Node.Scalar(GoType.BOOL, "false");
      case 'n':
        literal("null");
        return new Node.Scalar(GoType.NULL, "null");
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return new Node.Scalar(GoType.FLOAT, number());
        }
        throw error("unexpected character");
    }
  }

  private Node.Branch object(int depth) {
    position++;
    List<Node.Item> items = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    skipWhitespace();
    if (peek() == '}') {
      position++;
      return new Node.Branch(items);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a string key");
      }
      String key = string();
      if (!keys.add(key)) {
        throw error("duplicate key '" + key + "'");
      }
      skipWhitespace();
      expect(':');
      items.add(Node.Item.entry(key, value(depth + 1)));
      skipWhitespace();
      if (peek() == ',') {
        position++;
        continue;
      }
      expect('}');
      return new Node.Branch(items);
    }
  }

  private Node.Sequence array(int depth) {
    position++;
    List<Node> items = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      position++;
      return new Node.Sequence(items);
    }
    while (true) {
      items.add(value(depth + 1));
      skipWhitespace();
      if (peek() == ',') {
        position++;
        continue;
      }
      expect(']');
      return new Node.Sequence(items);
    }
  }

  private String string() {
    position++;
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escape = next();
      switch (escape) {
        case '"', '\\', '/' -> out.append(escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (position + 4 > text.length()) {
            throw error("truncated \\u escape");
          }
          String hex = text.substring(position, position + 4);
          if (!hex.matches("[0-9a-fA-F]{4}")) {
            throw error("invalid \\u escape");
          }
          out.append((char) Integer.parseInt(hex, 16));
          position += 4;
        }
        default -> throw error("invalid escape");
      }
    }
  }

  private String number() {
    int start = position;
    if (peek() == '-') {
      position++;
    }
    if (peek() == '0') {
      position++;
    } else {
      digits();
    }
    if (peek() == '.') {
      position++;
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      position++;
      if (peek() == '+' || peek() == '-') {
        position++;
      }
      digits();
    }
    String number = text.substring(start, position);
    if (GoValues.parseGoFloat(number).isEmpty()) {
      throw error("number out of range for a 64-bit float");
    }
    return number;
  }

  private void digits() {
    int start = position;
    while (position < text.length() && text.charAt(position) >= '0'
        && text.charAt(position) <= '9') {
      position++;
    }
    if (position == start) {
      throw error("expected a digit");
    }
  }

  private void literal(String word) {
    if (!text.startsWith(word, position)) {
      throw error("unexpected character");
    }
    position += word.length();
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    position++;
  }

  private char peek() {
    return position < text.length() ? text.charAt(position) : '\0';
  }

  private char next() {
    if (position >= text.length()) {
      throw error("unexpected end of input");
    }
    return text.charAt(position++);
  }

  private void skipWhitespace() {
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      position++;
    }
  }

  private IllegalArgumentException error(String message) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < Math.min(position, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new IllegalArgumentException("invalid JSON at line " + line + ", column " + column
        + ": " + message);
  }
}
