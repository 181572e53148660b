package dev.driftless.manifests.secrets.sops;

import dev.driftless.manifests.secrets.sops.Node.GoType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks a SOPS tree exactly as SOPS's {@code Tree.Decrypt} does: the same order, the same paths
 * (a list's items share the list's path), the same comment stack for the comment rules, and the
 * same bytes into the SHA-512 MAC. It decrypts every value that the rules say is encrypted and
 * builds the plain result as it goes.
 */
final class TreeDecryptor {

  /** SOPS's fixed prefix of the MAC when it covers encrypted values only (SHA-256 of "sops"). */
  private static final byte[] MAC_ONLY_ENCRYPTED_INIT = HexFormat.of()
      .parseHex("8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69");

  private final byte[] dataKey;
  private final Metadata metadata;
  private final String file;
  private final MessageDigest mac;
  private final List<SopsComment> comments = new ArrayList<>();
  private final Map<String, byte[]> topLevelPlaintexts = new LinkedHashMap<>();

  TreeDecryptor(byte[] dataKey, Metadata metadata, String file) {
    this.dataKey = dataKey.clone();
    this.metadata = metadata;
    this.file = file;
    try {
      this.mac = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is missing from the JDK", e);
    }
    if (metadata.macOnlyEncrypted()) {
      mac.update(MAC_ONLY_ENCRYPTED_INIT);
    }
  }

  /** Decrypts one branch (one document) into an ordered map. */
  Map<String, Object> branch(Node.Branch branch) throws SopsException {
    @SuppressWarnings("unchecked")
    Map<String, Object> result =
        (Map<String, Object>) walkBranch(branch, List.of(), new ArrayList<>());
    return result;
  }

  /** Checks the MAC over everything decrypted so far against the document's. */
  void verifyMac() throws SopsException {
    String computed = HexFormat.of().withUpperCase().formatHex(mac.digest());
    Optional<EncryptedValue> stored = EncryptedValue.parse(metadata.mac());
    if (stored.isEmpty()) {
      throw new SopsException(file, SopsException.Reason.MAC_MISMATCH,
          metadata.mac().isEmpty() ? "the document has no MAC" : "the document's MAC is malformed");
    }
    byte[] storedMac = stored.get().decrypt(dataKey, metadata.lastModified())
        .orElseThrow(() -> new SopsException(file, SopsException.Reason.MAC_MISMATCH,
            "the document's MAC does not decrypt: it, or the lastmodified time it is bound to, "
                + "was changed"));
    if (!MessageDigest.isEqual(storedMac, computed.getBytes(StandardCharsets.US_ASCII))) {
      throw new SopsException(file, SopsException.Reason.MAC_MISMATCH,
          "MAC mismatch: the values, their keys or their order were changed after encryption");
    }
  }

  List<SopsComment> comments() {
    return List.copyOf(comments);
  }

  /**
   * The exact plaintext bytes of a decrypted top-level string value (the binary store's
   * {@code data}), which a Java string would alter when they are not valid UTF-8.
   */
  Optional<byte[]> topLevelPlaintext(String key) {
    return Optional.ofNullable(topLevelPlaintexts.get(key)).map(byte[]::clone);
  }

  private Object walkBranch(Node.Branch branch, List<String> path,
      List<List<String>> commentsStack) throws SopsException {
    List<List<String>> stack = new ArrayList<>(commentsStack);
    stack.add(new ArrayList<>());
    Map<String, Object> result = new LinkedHashMap<>();
    for (Node.Item item : branch.items()) {
      if (item.isComment()) {
        String text = ((Node.Comment) item.value()).text();
        stack.get(stack.size() - 1).add(text);
        comment(text, path, stack);
        continue;
      }
      List<String> childPath = new ArrayList<>(path);
      childPath.add(item.key());
      result.put(item.key(), walkValue(item.value(), childPath, stack));
      stack.set(stack.size() - 1, new ArrayList<>());
    }
    return Collections.unmodifiableMap(result);
  }

  private Object walkSequence(Node.Sequence sequence, List<String> path,
      List<List<String>> commentsStack) throws SopsException {
    List<List<String>> stack = new ArrayList<>(commentsStack);
    stack.add(new ArrayList<>());
    List<Object> result = new ArrayList<>();
    for (Node item : sequence.items()) {
      if (item instanceof Node.Comment comment) {
        stack.get(stack.size() - 1).add(comment.text());
        comment(comment.text(), path, stack);
        continue;
      }
      result.add(walkValue(item, path, stack));
      stack.set(stack.size() - 1, new ArrayList<>());
    }
    return Collections.unmodifiableList(result);
  }

  private Object walkValue(Node node, List<String> path, List<List<String>> stack)
      throws SopsException {
    if (node instanceof Node.Branch branch) {
      return walkBranch(branch, path, stack);
    }
    if (node instanceof Node.Sequence sequence) {
      return walkSequence(sequence, path, stack);
    }
    Node.Scalar scalar = (Node.Scalar) node;
    if (scalar.type() == GoType.NULL) {
      return null; // SOPS neither decrypts nor hashes nil values
    }
    boolean encrypted = metadata.rules().shouldBeEncrypted(path, stack, false);
    Object plain;
    byte[] macBytes;
    if (encrypted) {
      Decrypted decrypted = decryptValue(scalar, path);
      plain = decrypted.value();
      macBytes = decrypted.macBytes();
      if (path.size() == 1 && plain instanceof String) {
        topLevelPlaintexts.put(path.get(0), macBytes);
      }
    } else {
      plain = clearValue(scalar);
      macBytes = GoValues.macText(scalar.type(), scalar.text(), true)
          .orElseThrow(() -> new SopsException(file, SopsException.Reason.MALFORMED,
              "the value at '" + String.join(":", path) + "' is a number SOPS cannot represent"))
          .getBytes(StandardCharsets.UTF_8);
    }
    if (!metadata.macOnlyEncrypted() || encrypted) {
      mac.update(macBytes);
    }
    return plain;
  }

  private static Object clearValue(Node.Scalar scalar) {
    return switch (scalar.type()) {
      case STRING -> scalar.text();
      case INT -> new TypedScalar("int", scalar.text());
      case FLOAT -> new TypedScalar("float", scalar.text());
      case BOOL -> new TypedScalar("bool", scalar.text());
      case NULL -> null;
    };
  }

  /** A decrypted value and the bytes SOPS hashes for it. */
  private record Decrypted(Object value, byte[] macBytes) {}

  private Decrypted decryptValue(Node.Scalar scalar, List<String> path) throws SopsException {
    String where = String.join(":", path);
    if (scalar.type() != GoType.STRING) {
      throw new SopsException(file, SopsException.Reason.VALUE_TAMPERED, "the value at '" + where
          + "' should be encrypted but is a clear-text " + scalar.type().name().toLowerCase());
    }
    if (scalar.text().isEmpty()) {
      return new Decrypted("", new byte[0]); // SOPS leaves empty strings unencrypted
    }
    EncryptedValue value = EncryptedValue.parse(scalar.text())
        .orElseThrow(() -> new SopsException(file, SopsException.Reason.VALUE_TAMPERED,
            "the value at '" + where + "' should be encrypted but is not in SOPS's "
                + "ENC[AES256_GCM,…] form"));
    byte[] plaintext = value.decrypt(dataKey, where + ":")
        .orElseThrow(() -> new SopsException(file, SopsException.Reason.VALUE_TAMPERED,
            "the value at '" + where + "' does not authenticate: it was changed, or moved from "
                + "another key"));
    String text = new String(plaintext, StandardCharsets.UTF_8);
    return switch (value.type()) {
      case "str" -> new Decrypted(text, plaintext);
      case "bytes" -> new Decrypted(new TypedScalar("bytes", text), plaintext);
      case "int" -> new Decrypted(new TypedScalar("int", text), ascii(GoValues.atoi(text)
          .orElseThrow(() -> badType(where, "int"))));
      case "float" -> new Decrypted(new TypedScalar("float", text), ascii(GoValues.parseGoFloat(text)
          .map(GoValues::formatFloat).orElseThrow(() -> badType(where, "float"))));
      case "bool" -> new Decrypted(new TypedScalar("bool", text), ascii(GoValues.parseBool(text)
          .map(b -> b ? "True" : "False").orElseThrow(() -> badType(where, "bool"))));
      default -> throw new SopsException(file, SopsException.Reason.MALFORMED,
          "the value at '" + where + "' has the unknown type '" + value.type() + "'");
    };
  }

  private SopsException badType(String where, String type) {
    return new SopsException(file, SopsException.Reason.MALFORMED,
        "the value at '" + where + "' decrypts to something that is not a valid " + type);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * A comment: decrypted when the rules say comments here are encrypted and it decrypts, kept as
   * written otherwise (as SOPS does); never part of the MAC.
   */
  private void comment(String text, List<String> path, List<List<String>> stack) {
    String where = String.join(":", path);
    String result = text;
    if (metadata.rules().shouldBeEncrypted(path, stack, true)) {
      Optional<String> decrypted = EncryptedValue.parse(text)
          .flatMap(value -> value.decrypt(dataKey, where + ":"))
          .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
      if (decrypted.isPresent()) {
        result = decrypted.get();
      }
    }
    comments.add(new SopsComment(where, result));
  }
}
