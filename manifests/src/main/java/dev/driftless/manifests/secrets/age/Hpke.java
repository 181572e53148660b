package dev.driftless.manifests.secrets.age;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * HPKE base mode (RFC 9180) with the MLKEM768-X25519 KEM, HKDF-SHA256 and ChaCha20Poly1305: the
 * one HPKE suite age's {@code mlkem768x25519} stanza uses. Only single-shot seal and open of the
 * first message are needed, so the sequence number is always zero.
 */
final class Hpke {

  private static final int KDF_HKDF_SHA256 = 0x0001;
  private static final int AEAD_CHACHA20POLY1305 = 0x0003;
  private static final byte[] VERSION = ascii("HPKE-v1");
  private static final byte[] SUITE_ID = suiteId();

  /** The encapsulated key and the ciphertext of one sealed message. */
  record Sealed(byte[] enc, byte[] ciphertext) {}

  private Hpke() {}

  static Sealed seal(byte[] publicKey, byte[] info, byte[] plaintext, SecureRandom random) {
    MlKem768X25519.Encapsulation encapsulation = MlKem768X25519.encapsulate(publicKey, random);
    byte[][] keyAndNonce = keySchedule(encapsulation.sharedSecret(), info);
    return new Sealed(encapsulation.ciphertext(),
        Primitives.seal(keyAndNonce[0], keyAndNonce[1], plaintext));
  }

  /** The plaintext; empty when the ciphertext was not sealed to these keys. */
  static Optional<byte[]> open(MlKem768X25519.Keys keys, byte[] enc, byte[] info,
      byte[] ciphertext) {
    return MlKem768X25519.decapsulate(keys, enc).flatMap(sharedSecret -> {
      byte[][] keyAndNonce = keySchedule(sharedSecret, info);
      return Primitives.open(keyAndNonce[0], keyAndNonce[1], ciphertext);
    });
  }

  /** RFC 9180 KeySchedule for mode_base, with an empty PSK and PSK ID. */
  private static byte[][] keySchedule(byte[] sharedSecret, byte[] info) {
    byte[] pskIdHash = labeledExtract(new byte[0], "psk_id_hash", new byte[0]);
    byte[] infoHash = labeledExtract(new byte[0], "info_hash", info);
    byte[] context = concat(new byte[] {0x00}, pskIdHash, infoHash);
    byte[] secret = labeledExtract(sharedSecret, "secret", new byte[0]);
    return new byte[][] {
        labeledExpand(secret, "key", context, 32), labeledExpand(secret, "base_nonce", context, 12)
    };
  }

  private static byte[] labeledExtract(byte[] salt, String label, byte[] ikm) {
    return Primitives.hkdfExtract(salt, concat(VERSION, SUITE_ID, ascii(label), ikm));
  }

  private static byte[] labeledExpand(byte[] prk, String label, byte[] info, int length) {
    byte[] lengthPrefix = {(byte) (length >>> 8), (byte) length};
    return Primitives.hkdfExpand(prk, concat(lengthPrefix, VERSION, SUITE_ID, ascii(label), info),
        length);
  }

  private static byte[] suiteId() {
    return concat(ascii("HPKE"), twoBytes(MlKem768X25519.KEM_ID), twoBytes(KDF_HKDF_SHA256),
        twoBytes(AEAD_CHACHA20POLY1305));
  }

  private static byte[] twoBytes(int value) {
    return new byte[] {(byte) (value >>> 8), (byte) value};
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
