package dev.driftless.manifests.secrets.sops;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decrypted SOPS document, in the shape its format has. None of the implementations shows a
 * value in {@code toString()}: a document that reaches a log shows its keys only.
 */
public sealed interface SopsDocument {

  /** The format the document was read as. */
  SopsFormat format();

  /**
   * A YAML or JSON document: ordered maps ({@code Map<String, Object>}), lists, strings,
   * {@link TypedScalar}s for numbers and booleans, and {@code null}.
   *
   * @param documents one per YAML document (JSON has exactly one)
   * @param comments the document's comments, decrypted where SOPS encrypted them
   */
  record Tree(SopsFormat format, List<Map<String, Object>> documents, List<SopsComment> comments)
      implements SopsDocument {

    public Tree {
      documents = List.copyOf(documents);
      comments = List.copyOf(comments);
    }

    /** The document, when there is exactly one (always for JSON). */
    public Map<String, Object> tree() {
      if (documents.size() != 1) {
        throw new IllegalStateException("the file holds " + documents.size() + " YAML documents");
      }
      return documents.get(0);
    }

    @Override
    public String toString() {
      return "SopsDocument.Tree[format=" + format + ", keys="
          + documents.stream().map(Map::keySet).toList() + "]";
    }
  }

  /**
   * A dotenv document: variables in file order.
   *
   * @param comments the {@code #} lines, decrypted where SOPS encrypted them
   */
  record Dotenv(Map<String, String> values, List<SopsComment> comments) implements SopsDocument {

    public Dotenv {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
      comments = List.copyOf(comments);
    }

    @Override
    public SopsFormat format() {
      return SopsFormat.DOTENV;
    }

    @Override
    public String toString() {
      return "SopsDocument.Dotenv[keys=" + values.keySet() + "]";
    }
  }

  /**
   * An INI document: sections in file order, each with its keys in file order. Keys before any
   * section header are in the section {@code DEFAULT}, which is left out when empty.
   */
  record Ini(Map<String, Map<String, String>> sections, List<SopsComment> comments)
      implements SopsDocument {

    public Ini {
      LinkedHashMap<String, Map<String, String>> copy = new LinkedHashMap<>();
      sections.forEach((name, values) -> copy.put(name,
          Collections.unmodifiableMap(new LinkedHashMap<>(values))));
      sections = Collections.unmodifiableMap(copy);
      comments = List.copyOf(comments);
    }

    @Override
    public SopsFormat format() {
      return SopsFormat.INI;
    }

    @Override
    public String toString() {
      return "SopsDocument.Ini[sections=" + sections.keySet() + "]";
    }
  }

  /** A binary document: the whole file that was encrypted. */
  record Binary(byte[] data) implements SopsDocument {

    public Binary {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public SopsFormat format() {
      return SopsFormat.BINARY;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Binary that && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "SopsDocument.Binary[" + data.length + " bytes]";
    }
  }
}
