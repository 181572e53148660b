package dev.driftless.manifests.secrets.age;

import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * The few Bouncy Castle primitives age is built from, behind byte-array functions so that the
 * format code reads like the specification and Bouncy Castle's types stay in one place.
 */
final class Primitives {

  static final int TAG_SIZE = 16;
  static final byte[] ZERO_NONCE = new byte[12];

  private Primitives() {}

  /** HKDF-SHA-256 (extract, then expand) to {@code length} bytes. */
  static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info, int length) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(ikm, salt, info));
    byte[] out = new byte[length];
    hkdf.generateBytes(out, 0, length);
    return out;
  }

  /** HKDF-Extract with SHA-256: HMAC(salt, ikm). */
  static byte[] hkdfExtract(byte[] salt, byte[] ikm) {
    return hmacSha256(salt, ikm);
  }

  /** HKDF-Expand with SHA-256 from a pseudo-random key. */
  static byte[] hkdfExpand(byte[] prk, byte[] info, int length) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(HKDFParameters.skipExtractParameters(prk, info));
    byte[] out = new byte[length];
    hkdf.generateBytes(out, 0, length);
    return out;
  }

  static byte[] hmacSha256(byte[] key, byte[] data) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    mac.update(data, 0, data.length);
    byte[] out = new byte[mac.getMacSize()];
    mac.doFinal(out, 0);
    return out;
  }

  /** ChaCha20-Poly1305 encryption; the result is the ciphertext followed by the tag. */
  static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext) {
    ChaCha20Poly1305 aead = new ChaCha20Poly1305();
    aead.init(true, new AEADParameters(new KeyParameter(key), TAG_SIZE * 8, nonce));
    byte[] out = new byte[aead.getOutputSize(plaintext.length)];
    int n = aead.processBytes(plaintext, 0, plaintext.length, out, 0);
    try {
      aead.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 refused to encrypt", e);
    }
    return out;
  }

  /** ChaCha20-Poly1305 decryption; empty when the tag does not verify. */
  static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] sealed) {
    if (sealed.length < TAG_SIZE) {
      return Optional.empty();
    }
    byte[] out = new byte[sealed.length - TAG_SIZE];
    return open(key, nonce, sealed, 0, sealed.length, out) ? Optional.of(out) : Optional.empty();
  }

  /**
   * Decrypts {@code length} bytes of {@code in} into {@code out}; false when the tag does not
   * verify, in which case {@code out} holds garbage that must not be released.
   */
  static boolean open(byte[] key, byte[] nonce, byte[] in, int offset, int length, byte[] out) {
    ChaCha20Poly1305 aead = new ChaCha20Poly1305();
    aead.init(false, new AEADParameters(new KeyParameter(key), TAG_SIZE * 8, nonce));
    try {
      int n = aead.processBytes(in, offset, length, out, 0);
      aead.doFinal(out, n);
      return true;
    } catch (InvalidCipherTextException e) {
      return false;
    }
  }

  /** ChaCha20-Poly1305 encryption of part of an array into {@code out}; returns bytes written. */
  static int seal(byte[] key, byte[] nonce, byte[] in, int offset, int length, byte[] out) {
    ChaCha20Poly1305 aead = new ChaCha20Poly1305();
    aead.init(true, new AEADParameters(new KeyParameter(key), TAG_SIZE * 8, nonce));
    int n = aead.processBytes(in, offset, length, out, 0);
    try {
      return n + aead.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 refused to encrypt", e);
    }
  }

  /** X25519(scalar, point); empty when the result is all zeros (a low-order point). */
  static Optional<byte[]> x25519(byte[] scalar, byte[] point) {
    X25519Agreement agreement = new X25519Agreement();
    agreement.init(new X25519PrivateKeyParameters(scalar, 0));
    byte[] out = new byte[agreement.getAgreementSize()];
    try {
      agreement.calculateAgreement(new X25519PublicKeyParameters(point, 0), out, 0);
    } catch (IllegalStateException e) {
      return Optional.empty();
    }
    return Optional.of(out);
  }

  /** X25519(scalar, basepoint). */
  static byte[] x25519Base(byte[] scalar) {
    return new X25519PrivateKeyParameters(scalar, 0).generatePublicKey().getEncoded();
  }
}
