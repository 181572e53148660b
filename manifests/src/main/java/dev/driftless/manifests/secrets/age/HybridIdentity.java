package dev.driftless.manifests.secrets.age;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A post-quantum hybrid age secret key, {@code AGE-SECRET-KEY-PQ-1…}: a 32-byte seed from which
 * both the ML-KEM-768 and the X25519 keys are derived.
 *
 * @param seed the 32-byte seed
 */
public record HybridIdentity(byte[] seed) implements AgeIdentity {

  static final String HRP = "AGE-SECRET-KEY-PQ-";

  public HybridIdentity {
    if (seed == null || seed.length != 32) {
      throw new IllegalArgumentException("a hybrid secret key is a 32-byte seed");
    }
    seed = seed.clone();
  }

  public static HybridIdentity generate(SecureRandom random) {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    return new HybridIdentity(seed);
  }

  /** Parses an {@code AGE-SECRET-KEY-PQ-1…} string. */
  public static HybridIdentity parse(String text) throws AgeException {
    return AgeKeys.parseHybridIdentity(text);
  }

  @Override
  public byte[] seed() {
    return seed.clone();
  }

  public HybridRecipient recipient() {
    return new HybridRecipient(MlKem768X25519.expand(seed).publicKey());
  }

  /** The {@code AGE-SECRET-KEY-PQ-1…} form: secret, for key files only. */
  public String encode() {
    return Bech32.encode(HRP, seed);
  }

  @Override
  public String stanzaType() {
    return HybridRecipient.STANZA_TYPE;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HybridIdentity that && MessageDigest.isEqual(seed, that.seed);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(MlKem768X25519.expand(seed).publicKey());
  }

  @Override
  public String toString() {
    return "HybridIdentity[recipient=" + recipient() + "]";
  }
}
