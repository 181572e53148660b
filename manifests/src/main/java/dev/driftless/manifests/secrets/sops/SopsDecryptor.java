package dev.driftless.manifests.secrets.sops;

import dev.driftless.manifests.Utf8;
import dev.driftless.manifests.secrets.age.Age;
import dev.driftless.manifests.secrets.age.AgeException;
import dev.driftless.manifests.secrets.age.AgeIdentity;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decrypts SOPS documents whose data key is wrapped for age recipients, in memory, verifying them
 * exactly as {@code sops --decrypt} does: every age entry is tried with every identity until one
 * opens the data key, every encrypted value is authenticated against its path, and the document's
 * MAC over all values is checked before anything is returned.
 *
 * <p>Only age is supported: PGP, cloud KMS and Vault entries are ignored (and named in the error
 * when no age entry opens). Nothing is written anywhere, and no error message contains a value.
 */
public final class SopsDecryptor {

  /** Far larger than any secrets file; refuses a file that was committed by mistake. */
  public static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

  private final List<AgeIdentity> identities;

  /** @param identities the age identities to open documents with; at least one */
  public SopsDecryptor(List<? extends AgeIdentity> identities) {
    if (identities.isEmpty()) {
      throw new IllegalArgumentException("a SOPS decryptor needs at least one age identity");
    }
    this.identities = List.copyOf(identities);
  }

  /** Decrypts {@code content}, in the format its {@code file} name implies. */
  public SopsDocument decrypt(String file, byte[] content) throws SopsException {
    return decrypt(file, content, SopsFormat.forFileName(file));
  }

  /**
   * Decrypts {@code content} as {@code format}.
   *
   * @param file the document's name, used in error messages only
   */
  public SopsDocument decrypt(String file, byte[] content, SopsFormat format)
      throws SopsException {
    if (content.length > MAX_DOCUMENT_BYTES) {
      throw new SopsException(file, SopsException.Reason.MALFORMED,
          "the document is larger than " + MAX_DOCUMENT_BYTES + " bytes");
    }
    String text = utf8(file, content);
    try {
      return switch (format) {
        case YAML -> tree(file, format, YamlReader.read(text));
        case JSON -> tree(file, format, List.of(JsonReader.read(text)));
        case BINARY -> binary(file, JsonReader.read(text));
        case DOTENV -> dotenv(file, FlatReaders.dotenv(text));
        case INI -> ini(file, FlatReaders.ini(text));
      };
    } catch (IllegalArgumentException e) {
      throw new SopsException(file, SopsException.Reason.MALFORMED,
          "not a valid SOPS " + format.name().toLowerCase() + " document: " + e.getMessage());
    }
  }

  /** The decrypted documents of a YAML or JSON file, and the walk that produced them. */
  private record Decrypted(List<Map<String, Object>> documents, TreeDecryptor decryptor) {}

  private Decrypted decryptTree(String file, List<Node.Branch> documents) throws SopsException {
    Node sops = null;
    List<Node.Branch> data = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      List<Node.Item> items = new ArrayList<>();
      for (Node.Item item : documents.get(i).items()) {
        if ("sops".equals(item.key())) {
          // SOPS reads the metadata from the first document and drops it from every other.
          if (i == 0) {
            sops = item.value();
          }
        } else {
          items.add(item);
        }
      }
      data.add(new Node.Branch(items));
    }
    if (sops == null) {
      throw notSops(file);
    }
    Object plainMetadata = plain(sops);
    Metadata metadata = metadata(file, () -> Metadata.fromTree(plainMetadata));
    TreeDecryptor decryptor = new TreeDecryptor(dataKey(file, metadata), metadata, file);
    List<Map<String, Object>> results = new ArrayList<>();
    for (Node.Branch branch : data) {
      results.add(decryptor.branch(branch));
    }
    decryptor.verifyMac();
    return new Decrypted(results, decryptor);
  }

  private SopsDocument tree(String file, SopsFormat format, List<Node.Branch> documents)
      throws SopsException {
    Decrypted decrypted = decryptTree(file, documents);
    return new SopsDocument.Tree(format, decrypted.documents(), decrypted.decryptor().comments());
  }

  private SopsDocument binary(String file, Node.Branch document) throws SopsException {
    Decrypted decrypted = decryptTree(file, List.of(document));
    Object data = decrypted.documents().get(0).get("data");
    if (!(data instanceof String text)) {
      throw new SopsException(file, SopsException.Reason.MALFORMED,
          "a SOPS binary document needs a string 'data' entry");
    }
    // The binary store encrypts raw bytes, which need not be valid UTF-8: take them as they are.
    return new SopsDocument.Binary(decrypted.decryptor().topLevelPlaintext("data")
        .orElseGet(() -> text.getBytes(StandardCharsets.UTF_8)));
  }

  private SopsDocument dotenv(String file, FlatReaders.Flat flat) throws SopsException {
    if (flat.metadata().isEmpty()) {
      throw notSops(file);
    }
    Metadata metadata = metadata(file, () -> Metadata.fromFlat(flat.metadata()));
    TreeDecryptor decryptor = new TreeDecryptor(dataKey(file, metadata), metadata, file);
    Map<String, Object> values = decryptor.branch(flat.tree());
    decryptor.verifyMac();
    Map<String, String> strings = new LinkedHashMap<>();
    values.forEach((key, value) -> strings.put(key, text(value)));
    return new SopsDocument.Dotenv(strings, decryptor.comments());
  }

  private SopsDocument ini(String file, FlatReaders.Flat flat) throws SopsException {
    if (flat.metadata().isEmpty()) {
      throw notSops(file);
    }
    Metadata metadata = metadata(file, () -> Metadata.fromFlat(flat.metadata()));
    TreeDecryptor decryptor = new TreeDecryptor(dataKey(file, metadata), metadata, file);
    Map<String, Object> sections = decryptor.branch(flat.tree());
    decryptor.verifyMac();
    Map<String, Map<String, String>> result = new LinkedHashMap<>();
    sections.forEach((name, section) -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> values = (Map<String, Object>) section;
      if (!(name.equals("DEFAULT") && values.isEmpty())) {
        Map<String, String> strings = new LinkedHashMap<>();
        values.forEach((key, value) -> strings.put(key, text(value)));
        result.put(name, strings);
      }
    });
    return new SopsDocument.Ini(result, decryptor.comments());
  }

  private static String text(Object value) {
    if (value instanceof TypedScalar typed) {
      return typed.text();
    }
    return (String) value;
  }

  /** The data key from the first age entry one of our identities opens. */
  private byte[] dataKey(String file, Metadata metadata) throws SopsException {
    if (metadata.ageEntries().isEmpty()) {
      throw new SopsException(file, SopsException.Reason.UNSUPPORTED,
          "the data key is not encrypted to any age recipient (only to " + others(metadata)
              + "); Driftless decrypts SOPS documents with age keys only");
    }
    List<String> failures = new ArrayList<>();
    for (Metadata.AgeEntry entry : metadata.ageEntries()) {
      try {
        byte[] key = Age.decrypt(entry.enc().getBytes(StandardCharsets.UTF_8), identities);
        if (key.length != 32) {
          failures.add(shorten(entry.recipient()) + " (its data key is " + key.length
              + " bytes, not 32)");
          continue;
        }
        return key;
      } catch (AgeException e) {
        failures.add(shorten(entry.recipient()) + " (" + e.getMessage() + ")");
      }
    }
    String message = "none of the " + identities.size()
        + (identities.size() == 1 ? " age identity" : " age identities")
        + " opens the data key; it is encrypted to " + String.join(", ", failures);
    if (!metadata.otherKeys().isEmpty()) {
      message += ", and to " + others(metadata) + ", which Driftless does not use";
    }
    throw new SopsException(file, SopsException.Reason.NO_MATCHING_KEY, message);
  }

  private static String others(Metadata metadata) {
    if (metadata.otherKeys().isEmpty()) {
      return "no key at all";
    }
    return metadata.otherKeys().entrySet().stream()
        .map(entry -> entry.getValue() + " " + entry.getKey() + " key"
            + (entry.getValue() == 1 ? "" : "s"))
        .collect(Collectors.joining(", "));
  }

  /** A post-quantum recipient is two thousand characters; its start identifies it well enough. */
  private static String shorten(String recipient) {
    return recipient.length() > 70 ? recipient.substring(0, 24) + "…" : recipient;
  }

  private interface MetadataSource {
    Metadata read();
  }

  private static Metadata metadata(String file, MetadataSource source) throws SopsException {
    try {
      return source.read();
    } catch (UnsupportedOperationException e) {
      throw new SopsException(file, SopsException.Reason.UNSUPPORTED, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new SopsException(file, SopsException.Reason.MALFORMED,
          "invalid SOPS metadata: " + e.getMessage());
    }
  }

  /** A metadata subtree as plain Java values (scalars as their text, comments dropped). */
  private static Object plain(Node node) {
    if (node instanceof Node.Branch branch) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Node.Item item : branch.items()) {
        if (!item.isComment()) {
          map.put(item.key(), plain(item.value()));
        }
      }
      return map;
    }
    if (node instanceof Node.Sequence sequence) {
      List<Object> list = new ArrayList<>();
      for (Node item : sequence.items()) {
        if (!(item instanceof Node.Comment)) {
          list.add(plain(item));
        }
      }
      return list;
    }
    if (node instanceof Node.Scalar scalar) {
      return scalar.type() == Node.GoType.NULL ? null : scalar.text();
    }
    return null;
  }

  private static SopsException notSops(String file) {
    return new SopsException(file, SopsException.Reason.MALFORMED,
        "not a SOPS document: it has no 'sops' metadata");
  }

  private static String utf8(String file, byte[] content) throws SopsException {
    try {
      return Utf8.decode(content);
    } catch (CharacterCodingException e) {
      throw new SopsException(file, SopsException.Reason.MALFORMED,
          "the document is not valid UTF-8 text");
    }
  }
}
