package dev.driftless.manifests.secrets.age;

import java.util.Arrays;

/**
 * A post-quantum hybrid age public key, {@code age1pq1…}: ML-KEM-768 combined with X25519
 * (X-Wing, the {@code mlkem768x25519} stanza type), safe against a future quantum computer as
 * long as either half holds.
 *
 * @param publicKey the 1,216-byte encapsulation key (ML-KEM-768's 1,184 bytes, then X25519's 32)
 */
public record HybridRecipient(byte[] publicKey) implements AgeRecipient {

  static final String HRP = "age1pq";
  static final String STANZA_TYPE = "mlkem768x25519";

  public HybridRecipient {
    if (publicKey == null || publicKey.length != MlKem768X25519.PUBLIC_KEY_SIZE) {
      throw new IllegalArgumentException(
          "a hybrid public key is " + MlKem768X25519.PUBLIC_KEY_SIZE + " bytes");
    }
    publicKey = publicKey.clone();
  }

  /** Parses an {@code age1pq1…} string. */
  public static HybridRecipient parse(String text) throws AgeException {
    return AgeKeys.parseHybridRecipient(text);
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The {@code age1pq1…} form (about two thousand characters). */
  public String encode() {
    return Bech32.encode(HRP, publicKey);
  }

  @Override
  public String stanzaType() {
    return STANZA_TYPE;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HybridRecipient that && Arrays.equals(publicKey, that.publicKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }

  /** The start of the encoded key: the whole of it fills a screen. */
  @Override
  public String toString() {
    return encode().substring(0, 24) + "…";
  }
}
