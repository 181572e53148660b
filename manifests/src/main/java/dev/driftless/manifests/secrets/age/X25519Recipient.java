package dev.driftless.manifests.secrets.age;

import java.util.Arrays;

/**
 * An age public key, {@code age1…}: the recipient type every age tool understands, and the one
 * SOPS writes.
 *
 * @param publicKey the 32-byte Curve25519 point
 */
public record X25519Recipient(byte[] publicKey) implements AgeRecipient {

  static final String HRP = "age";
  static final String STANZA_TYPE = "X25519";

  public X25519Recipient {
    if (publicKey == null || publicKey.length != 32) {
      throw new IllegalArgumentException("an X25519 public key is 32 bytes");
    }
    publicKey = publicKey.clone();
  }

  /** Parses an {@code age1…} string. */
  public static X25519Recipient parse(String text) throws AgeException {
    return AgeKeys.parseX25519Recipient(text);
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The {@code age1…} form. */
  public String encode() {
    return Bech32.encode(HRP, publicKey);
  }

  @Override
  public String stanzaType() {
    return STANZA_TYPE;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof X25519Recipient that && Arrays.equals(publicKey, that.publicKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return encode();
  }
}
