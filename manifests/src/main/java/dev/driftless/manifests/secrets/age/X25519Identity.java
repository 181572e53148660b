package dev.driftless.manifests.secrets.age;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * An age secret key, {@code AGE-SECRET-KEY-1…}, as {@code age-keygen} writes it.
 *
 * <p>{@link #toString()} shows the public recipient only; {@link #encode()} is the one way to
 * get the secret back as text, for writing a key file.
 *
 * @param secretKey the 32-byte X25519 scalar
 */
public record X25519Identity(byte[] secretKey) implements AgeIdentity {

  static final String HRP = "AGE-SECRET-KEY-";

  public X25519Identity {
    if (secretKey == null || secretKey.length != 32) {
      throw new IllegalArgumentException("an X25519 secret key is 32 bytes");
    }
    secretKey = secretKey.clone();
  }

  /** A fresh key from {@code random}. */
  public static X25519Identity generate(SecureRandom random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return new X25519Identity(key);
  }

  /** Parses an {@code AGE-SECRET-KEY-1…} string. */
  public static X25519Identity parse(String text) throws AgeException {
    return AgeKeys.parseX25519Identity(text);
  }

  @Override
  public byte[] secretKey() {
    return secretKey.clone();
  }

  /** The public key files are encrypted to. */
  public X25519Recipient recipient() {
    return new X25519Recipient(Primitives.x25519Base(secretKey));
  }

  /** The {@code AGE-SECRET-KEY-1…} form: secret, for key files only. */
  public String encode() {
    return Bech32.encode(HRP, secretKey);
  }

  @Override
  public String stanzaType() {
    return X25519Recipient.STANZA_TYPE;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof X25519Identity that
        && MessageDigest.isEqual(secretKey, that.secretKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(recipient().publicKey());
  }

  @Override
  public String toString() {
    return "X25519Identity[recipient=" + recipient().encode() + "]";
  }
}
