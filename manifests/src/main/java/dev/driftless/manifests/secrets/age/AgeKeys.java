package dev.driftless.manifests.secrets.age;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parsing keys as the age tools write them: identity files in {@code age-keygen}'s format (which
 * is also the format of {@code SOPS_AGE_KEY}), single identities, and recipients.
 *
 * <p>No message ever echoes the text it was given: a line of an identity file is a secret key,
 * and even a malformed one may be most of one.
 */
public final class AgeKeys {

  /** Far larger than any key file; refuses to parse a file that was passed by mistake. */
  public static final int MAX_IDENTITY_FILE_BYTES = 1 << 24;

  private AgeKeys() {}

  /**
   * The identities in an identity file: one key per line, with {@code #} comment lines and blank
   * lines ignored (the format {@code age-keygen} writes and {@code age -i} reads). At least one key
   * is required.
   */
  public static List<AgeIdentity> parseIdentities(String text) throws AgeException {
    if (text.length() > MAX_IDENTITY_FILE_BYTES) {
      throw keyError("the identity file is larger than " + MAX_IDENTITY_FILE_BYTES + " bytes");
    }
    List<AgeIdentity> identities = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        identities.add(parseIdentity(line));
      } catch (AgeException e) {
        throw new AgeException(e.kind(), "line " + (i + 1) + " of the identity file: "
            + e.getMessage());
      }
    }
    if (identities.isEmpty()) {
      throw keyError("the identity file holds no secret keys");
    }
    return List.copyOf(identities);
  }

  /** {@link #parseIdentities(String)} for the bytes of a file, which must be UTF-8. */
  public static List<AgeIdentity> parseIdentities(byte[] file) throws AgeException {
    return parseIdentities(new String(file, StandardCharsets.UTF_8));
  }

  /** One {@code AGE-SECRET-KEY-1…} or {@code AGE-SECRET-KEY-PQ-1…} identity. */
  public static AgeIdentity parseIdentity(String text) throws AgeException {
    if (text.startsWith(HybridIdentity.HRP + "1")) {
      return parseHybridIdentity(text);
    }
    if (text.startsWith(X25519Identity.HRP + "1")) {
      return parseX25519Identity(text);
    }
    if (text.startsWith("AGE-PLUGIN-")) {
      throw new AgeException(AgeException.Kind.UNSUPPORTED,
          "age plugin identities (AGE-PLUGIN-…) are not supported");
    }
    throw keyError("not an age secret key (expected AGE-SECRET-KEY-1…)");
  }

  /**
   * The recipients in a recipients file ({@code age -R}): one per line, {@code #} comments and
   * blank lines ignored.
   */
  public static List<AgeRecipient> parseRecipients(String text) throws AgeException {
    List<AgeRecipient> recipients = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        recipients.add(parseRecipient(line));
      } catch (AgeException e) {
        throw new AgeException(e.kind(), "line " + (i + 1) + " of the recipients file: "
            + e.getMessage());
      }
    }
    if (recipients.isEmpty()) {
      throw keyError("the recipients file holds no recipients");
    }
    return List.copyOf(recipients);
  }

  /** One {@code age1…} or {@code age1pq1…} recipient. */
  public static AgeRecipient parseRecipient(String text) throws AgeException {
    if (text.startsWith("ssh-")) {
      throw new AgeException(AgeException.Kind.UNSUPPORTED,
          "SSH recipients are not supported; use an age1… recipient");
    }
    if (text.startsWith(HybridRecipient.HRP + "1")) {
      return parseHybridRecipient(text);
    }
    if (text.startsWith(X25519Recipient.HRP + "1")) {
      Bech32.Decoded decoded = decode(text, "recipient");
      if (!decoded.hrp().equals(X25519Recipient.HRP)) {
        throw new AgeException(AgeException.Kind.UNSUPPORTED, "unsupported recipient type '"
            + decoded.hrp() + "' (plugin and hardware-key recipients are not supported)");
      }
      return x25519Recipient(decoded);
    }
    throw keyError("not an age recipient (expected age1…)");
  }

  static X25519Recipient parseX25519Recipient(String text) throws AgeException {
    Bech32.Decoded decoded = decode(text, "recipient");
    if (!decoded.hrp().equals(X25519Recipient.HRP)) {
      throw keyError("not an X25519 age recipient (expected age1…)");
    }
    return x25519Recipient(decoded);
  }

  private static X25519Recipient x25519Recipient(Bech32.Decoded decoded) throws AgeException {
    if (decoded.data().length != 32) {
      throw keyError("the recipient does not hold a 32-byte key");
    }
    return new X25519Recipient(decoded.data());
  }

  static X25519Identity parseX25519Identity(String text) throws AgeException {
    Bech32.Decoded decoded = decode(text, "secret key");
    if (!decoded.hrp().equals(X25519Identity.HRP)) {
      throw keyError("not an X25519 age secret key (expected AGE-SECRET-KEY-1…, upper case)");
    }
    if (decoded.data().length != 32) {
      throw keyError("the secret key does not hold 32 bytes");
    }
    return new X25519Identity(decoded.data());
  }

  static HybridIdentity parseHybridIdentity(String text) throws AgeException {
    Bech32.Decoded decoded = decode(text, "secret key");
    if (!decoded.hrp().equals(HybridIdentity.HRP)) {
      throw keyError("not a hybrid age secret key (expected AGE-SECRET-KEY-PQ-1…, upper case)");
    }
    if (decoded.data().length != 32) {
      throw keyError("the hybrid secret key does not hold a 32-byte seed");
    }
    return new HybridIdentity(decoded.data());
  }

  static HybridRecipient parseHybridRecipient(String text) throws AgeException {
    Bech32.Decoded decoded = decode(text, "recipient");
    if (!decoded.hrp().equals(HybridRecipient.HRP)) {
      throw keyError("not a hybrid age recipient (expected age1pq1…)");
    }
    if (decoded.data().length != MlKem768X25519.PUBLIC_KEY_SIZE) {
      throw keyError("the hybrid recipient does not hold a " + MlKem768X25519.PUBLIC_KEY_SIZE
          + "-byte key");
    }
    return new HybridRecipient(decoded.data());
  }

  private static Bech32.Decoded decode(String text, String what) throws AgeException {
    try {
      return Bech32.decode(text);
    } catch (IllegalArgumentException e) {
      throw keyError("the " + what + " is not valid Bech32: it " + e.getMessage());
    }
  }

  private static AgeException keyError(String message) {
    return new AgeException(AgeException.Kind.KEY, message);
  }
}
