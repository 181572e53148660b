package dev.driftless.manifests.secrets.sops;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.modes.gcm.BasicGCMMultiplier;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * One SOPS ciphertext, {@code ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]}: AES-256-GCM under the
 * data key, with SOPS's 32-byte IV, and the value's path (or the last-modified time, for the MAC)
 * as additional data.
 *
 * @param type the SOPS type of the plaintext: {@code str}, {@code int}, {@code float},
 *     {@code bool}, {@code bytes} or {@code comment}
 */
record EncryptedValue(byte[] data, byte[] iv, byte[] tag, String type) {

  private static final Pattern FORMAT = Pattern.compile(
      "ENC\\[AES256_GCM,data:([A-Za-z0-9+/=]+),iv:([A-Za-z0-9+/=]+),tag:([A-Za-z0-9+/=]+),"
          + "type:([a-z]+)\\]");

  /** Whether {@code text} has the ciphertext form at all (SOPS's own test). */
  static boolean looksEncrypted(String text) {
    return text.startsWith("ENC[AES256_GCM,");
  }

  /** The parsed ciphertext; empty when {@code text} is not in SOPS's format. */
  static Optional<EncryptedValue> parse(String text) {
    Matcher matcher = FORMAT.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      Base64.Decoder decoder = Base64.getDecoder();
      EncryptedValue value = new EncryptedValue(decoder.decode(matcher.group(1)),
          decoder.decode(matcher.group(2)), decoder.decode(matcher.group(3)), matcher.group(4));
      if (value.tag.length != 16 || value.iv.length == 0) {
        return Optional.empty();
      }
      return Optional.of(value);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The plaintext bytes; empty when the tag does not verify under this key and path. */
  Optional<byte[]> decrypt(byte[] key, String additionalData) {
    // A value is a few blocks: the default 4 KiB multiplier table, rebuilt for every value, cost
    // more than the whole decryption (most of a 200-value document's time, measured with JMH).
    GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance(),
        new BasicGCMMultiplier());
    gcm.init(false, new AEADParameters(new KeyParameter(key), 128, iv,
        additionalData.getBytes(StandardCharsets.UTF_8)));
    byte[] sealed = new byte[data.length + tag.length];
    System.arraycopy(data, 0, sealed, 0, data.length);
    System.arraycopy(tag, 0, sealed, data.length, tag.length);
    byte[] out = new byte[gcm.getOutputSize(sealed.length)];
    try {
      int n = gcm.processBytes(sealed, 0, sealed.length, out, 0);
      n += gcm.doFinal(out, n);
      return Optional.of(n == out.length ? out : Arrays.copyOf(out, n));
    } catch (InvalidCipherTextException | IllegalStateException e) {
      return Optional.empty();
    }
  }
}
