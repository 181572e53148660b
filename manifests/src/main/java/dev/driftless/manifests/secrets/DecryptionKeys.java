package dev.driftless.manifests.secrets;

import dev.driftless.manifests.secrets.age.AgeIdentity;
import dev.driftless.manifests.secrets.age.HybridIdentity;
import dev.driftless.manifests.secrets.age.ScryptIdentity;
import dev.driftless.manifests.secrets.age.X25519Identity;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The age identities a render may decrypt secret files with, handed to the renderer by its caller
 * (the daemon, {@code validate}, {@code plan}, {@code apply}) so that the renderer itself reads no
 * key from anywhere, and never from the repository.
 *
 * <p>It also holds the key of the <em>secret digest</em>: the spec hash of a service must change
 * when one of its secret values changes, yet must not let anyone who reads the hash (it is a
 * container label) test guesses of the value. So a secret value enters the hash only as
 * HMAC-SHA256 under a key derived with HKDF-SHA256 from the identities themselves (salt
 * {@value #SALT}, info {@value #INFO}, input: each identity's secret material, length-prefixed and
 * sorted so that their order does not matter). Every instance configured with the same identities
 * derives the same key and so the same hashes; someone without the identities can neither derive
 * the key nor, therefore, check a guess against the hash. Changing the identities changes the key,
 * so the containers holding secrets are recreated once after a key rotation.
 *
 * <p>{@link #toString()} names where the identities came from, never their material.
 */
public final class DecryptionKeys {

  /** No identity: a render that meets an encrypted file fails it with a clear error. */
  public static final DecryptionKeys NONE = new DecryptionKeys(List.of(), "no identity");

  static final String SALT = "driftless secret digest v1";
  static final String INFO = "spec-hash";

  private final List<AgeIdentity> identities;
  private final String source;
  private final byte[] digestKey;

  private DecryptionKeys(List<AgeIdentity> identities, String source) {
    this.identities = List.copyOf(identities);
    this.source = Objects.requireNonNull(source, "source");
    this.digestKey = deriveDigestKey(this.identities);
  }

  /**
   * These identities.
   *
   * @param source where they came from ("$DRIFTLESS_AGE_KEY", a file name), for messages only
   */
  public static DecryptionKeys of(List<? extends AgeIdentity> identities, String source) {
    return new DecryptionKeys(List.copyOf(identities), source);
  }

  /** The identities, in the order they are tried. */
  public List<AgeIdentity> identities() {
    return identities;
  }

  public boolean isEmpty() {
    return identities.isEmpty();
  }

  /** Where the identities came from, safe to print. */
  public String source() {
    return source;
  }

  /**
   * The keyed digest of a secret value, as 64 hex characters: what the spec hash holds in place of
   * the value.
   */
  public String digest(String value) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(digestKey));
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    mac.update(bytes, 0, bytes.length);
    byte[] out = new byte[mac.getMacSize()];
    mac.doFinal(out, 0);
    return HexFormat.of().formatHex(out);
  }

  private static byte[] deriveDigestKey(List<AgeIdentity> identities) {
    List<byte[]> materials = new ArrayList<>();
    for (AgeIdentity identity : identities) {
      materials.add(material(identity));
    }
    materials.sort(Arrays::compareUnsigned);
    ByteArrayOutputStream ikm = new ByteArrayOutputStream();
    for (byte[] material : materials) {
      ikm.writeBytes((material.length + ":").getBytes(StandardCharsets.US_ASCII));
      ikm.writeBytes(material);
      Arrays.fill(material, (byte) 0);
    }
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    byte[] input = ikm.toByteArray();
    hkdf.init(new HKDFParameters(input, SALT.getBytes(StandardCharsets.US_ASCII),
        INFO.getBytes(StandardCharsets.US_ASCII)));
    byte[] key = new byte[32];
    hkdf.generateBytes(key, 0, key.length);
    Arrays.fill(input, (byte) 0);
    return key;
  }

  /** The identity's secret, prefixed with its type so that two types never share an input. */
  private static byte[] material(AgeIdentity identity) {
    byte[] secret;
    if (identity instanceof X25519Identity x25519) {
      secret = x25519.secretKey();
    } else if (identity instanceof HybridIdentity hybrid) {
      secret = hybrid.seed();
    } else {
      secret = ((ScryptIdentity) identity).passphrase().getBytes(StandardCharsets.UTF_8);
    }
    byte[] type = (identity.stanzaType() + ":").getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(type, type.length + secret.length);
    System.arraycopy(secret, 0, out, type.length, secret.length);
    Arrays.fill(secret, (byte) 0);
    return out;
  }

  @Override
  public String toString() {
    return "DecryptionKeys[" + identities.size() + " from " + source + "]";
  }
}
