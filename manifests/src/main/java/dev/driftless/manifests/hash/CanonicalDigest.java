package dev.driftless.manifests.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The unambiguous serialisation {@link SpecHash} is defined by, written straight into a SHA-256
 * digest and never into a string that could leak a secret value.
 */
final class CanonicalDigest {

  private final MessageDigest digest = sha256();

  CanonicalDigest text(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
    digest.update(bytes);
    return this;
  }

  CanonicalDigest number(long value) {
    return text(Long.toString(value));
  }

  CanonicalDigest size(int size) {
    return text("#" + size);
  }

  /** Sorted by key (String's natural order), whatever the map's own order. */
  CanonicalDigest map(Map<String, String> map) {
    size(map.size());
    new TreeMap<>(map).forEach((key, value) -> text(key).text(value));
    return this;
  }

  String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
