package dev.driftless.manifests.secrets.sops;

import dev.driftless.manifests.secrets.age.Age;
import dev.driftless.manifests.secrets.age.AgeException;
import dev.driftless.manifests.secrets.age.X25519Identity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Writes SOPS ciphertexts for tests of rules the fixtures do not exercise. The MAC is computed
 * over the parts a test lists by hand, in the order SOPS walks them, so that a test states SOPS's
 * behaviour instead of repeating the decryptor's.
 */
final class SopsTestWriter {

  static final String LAST_MODIFIED = "2025-01-02T03:04:05Z";

  private final SecureRandom random = new SecureRandom();
  final X25519Identity identity = X25519Identity.generate(random);
  final byte[] dataKey = new byte[32];

  SopsTestWriter() {
    random.nextBytes(dataKey);
  }

  /** {@code ENC[AES256_GCM,…]} for {@code plaintext} at {@code path} (for example "a:b:"). */
  String enc(String plaintext, String additionalData, String type) {
    byte[] iv = new byte[32];
    random.nextBytes(iv);
    GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(true, new AEADParameters(new KeyParameter(dataKey), 128, iv,
        additionalData.getBytes(StandardCharsets.UTF_8)));
    byte[] in = plaintext.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[gcm.getOutputSize(in.length)];
    int n = gcm.processBytes(in, 0, in.length, out, 0);
    try {
      gcm.doFinal(out, n);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    Base64.Encoder b64 = Base64.getEncoder();
    return "ENC[AES256_GCM,data:" + b64.encodeToString(Arrays.copyOf(out, in.length))
        + ",iv:" + b64.encodeToString(iv) + ",tag:"
        + b64.encodeToString(Arrays.copyOfRange(out, in.length, out.length))
        + ",type:" + type + "]";
  }

  /** The encrypted MAC over {@code parts}, optionally with SOPS's mac_only_encrypted prefix. */
  String mac(List<String> parts, boolean macOnlyEncrypted) throws Exception {
    MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
    if (macOnlyEncrypted) {
      sha512.update(MessageDigest.getInstance("SHA-256")
          .digest("sops".getBytes(StandardCharsets.US_ASCII)));
    }
    parts.forEach(part -> sha512.update(part.getBytes(StandardCharsets.UTF_8)));
    return enc(HexFormat.of().withUpperCase().formatHex(sha512.digest()), LAST_MODIFIED, "str");
  }

  /** The armored age file holding the data key for our identity. */
  String wrappedDataKey() throws AgeException {
    return new String(Age.encrypt(dataKey, List.of(identity.recipient()), true),
        StandardCharsets.US_ASCII);
  }

  /** A YAML {@code sops:} block with the given extra metadata lines (already indented). */
  String yamlMetadata(String mac, String... extra) throws AgeException {
    StringBuilder out = new StringBuilder("sops:\n  age:\n    - recipient: ")
        .append(identity.recipient()).append("\n      enc: |\n");
    for (String line : wrappedDataKey().split("\n")) {
      out.append("        ").append(line).append('\n');
    }
    out.append("  lastmodified: \"").append(LAST_MODIFIED).append("\"\n");
    out.append("  mac: ").append(mac).append('\n');
    for (String line : extra) {
      out.append("  ").append(line).append('\n');
    }
    return out.append("  version: 3.9.0\n").toString();
  }

  SopsDocument decrypt(String file, String content) throws SopsException {
    return new SopsDecryptor(List.of(identity)).decrypt(file,
        content.getBytes(StandardCharsets.UTF_8));
  }
}
