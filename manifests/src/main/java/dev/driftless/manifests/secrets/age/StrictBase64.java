package dev.driftless.manifests.secrets.age;

import java.util.Base64;
import java.util.Optional;

/**
 * Canonical base64 as age requires it: the JDK's decoders accept missing padding and ignore
 * non-zero trailing bits, either of which would make a file malleable, so every decode is checked
 * by encoding the result again and comparing.
 */
final class StrictBase64 {

  private static final Base64.Encoder RAW = Base64.getEncoder().withoutPadding();
  private static final Base64.Encoder PADDED = Base64.getEncoder();

  private StrictBase64() {}

  /** Unpadded standard base64 (the header's encoding); empty when not canonical. */
  static Optional<byte[]> decodeRaw(String text) {
    if (text.indexOf('=') >= 0) {
      return Optional.empty();
    }
    return decode(text, RAW);
  }

  /** Padded standard base64 (the armor's encoding); empty when not canonical. */
  static Optional<byte[]> decodePadded(String text) {
    if (text.length() % 4 != 0) {
      return Optional.empty();
    }
    return decode(text, PADDED);
  }

  static String encodeRaw(byte[] bytes) {
    return RAW.encodeToString(bytes);
  }

  static String encodePadded(byte[] bytes) {
    return PADDED.encodeToString(bytes);
  }

  private static Optional<byte[]> decode(String text, Base64.Encoder canonical) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return canonical.encodeToString(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
  }
}
