package dev.driftless.manifests.secrets.age;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMExtractor;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMGenerator;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPrivateKeyParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPublicKeyParameters;

/**
 * The MLKEM768-X25519 hybrid KEM (X-Wing) as filippo.io/hpke-pq defines it: the 32-byte private
 * key is a seed expanded with SHAKE256 into an ML-KEM-768 seed and an X25519 scalar, and the
 * shared secret is SHA3-256 over both shared secrets, the X25519 ciphertext and public key, and a
 * fixed label.
 */
final class MlKem768X25519 {

  static final int KEM_ID = 0x647a;
  static final int PQ_PUBLIC_KEY_SIZE = 1184;
  static final int PQ_CIPHERTEXT_SIZE = 1088;
  static final int PUBLIC_KEY_SIZE = PQ_PUBLIC_KEY_SIZE + 32;
  static final int CIPHERTEXT_SIZE = PQ_CIPHERTEXT_SIZE + 32;

  /** The label {@code \.//^\}. */
  private static final byte[] LABEL = {0x5c, 0x2e, 0x2f, 0x2f, 0x5e, 0x5c};

  /** An expanded private key. */
  record Keys(MLKEMPrivateKeyParameters pqPrivate, byte[] pqPublic, byte[] x25519Scalar,
      byte[] x25519Public) {

    byte[] publicKey() {
      byte[] out = Arrays.copyOf(pqPublic, PUBLIC_KEY_SIZE);
      System.arraycopy(x25519Public, 0, out, PQ_PUBLIC_KEY_SIZE, 32);
      return out;
    }
  }

  /** A shared secret and the encapsulation that carries it. */
  record Encapsulation(byte[] sharedSecret, byte[] ciphertext) {}

  private MlKem768X25519() {}

  static Keys expand(byte[] seed) {
    SHAKEDigest shake = new SHAKEDigest(256);
    shake.update(seed, 0, seed.length);
    byte[] full = new byte[96];
    shake.doFinal(full, 0, full.length);
    MLKEMPrivateKeyParameters pq =
        new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_768, Arrays.copyOfRange(full, 0, 64));
    byte[] scalar = Arrays.copyOfRange(full, 64, 96);
    return new Keys(pq, pq.getPublicKey(), scalar, Primitives.x25519Base(scalar));
  }

  static Encapsulation encapsulate(byte[] publicKey, SecureRandom random) {
    byte[] pqPublic = Arrays.copyOfRange(publicKey, 0, PQ_PUBLIC_KEY_SIZE);
    byte[] x25519Public = Arrays.copyOfRange(publicKey, PQ_PUBLIC_KEY_SIZE, PUBLIC_KEY_SIZE);
    SecretWithEncapsulation pq = new MLKEMGenerator(random)
        .generateEncapsulated(new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_768, pqPublic));
    byte[] ephemeral = new byte[32];
    random.nextBytes(ephemeral);
    byte[] share = Primitives.x25519Base(ephemeral);
    byte[] x25519Secret = Primitives.x25519(ephemeral, x25519Public)
        .orElseThrow(() -> new IllegalArgumentException("the recipient's X25519 key is a low-order point"));
    byte[] ciphertext = Arrays.copyOf(pq.getEncapsulation(), CIPHERTEXT_SIZE);
    System.arraycopy(share, 0, ciphertext, PQ_CIPHERTEXT_SIZE, 32);
    return new Encapsulation(combine(pq.getSecret(), x25519Secret, share, x25519Public), ciphertext);
  }

  /** The shared secret; empty when the X25519 half is a low-order point. */
  static Optional<byte[]> decapsulate(Keys keys, byte[] ciphertext) {
    byte[] pqCiphertext = Arrays.copyOfRange(ciphertext, 0, PQ_CIPHERTEXT_SIZE);
    byte[] share = Arrays.copyOfRange(ciphertext, PQ_CIPHERTEXT_SIZE, CIPHERTEXT_SIZE);
    byte[] pqSecret = new MLKEMExtractor(keys.pqPrivate()).extractSecret(pqCiphertext);
    return Primitives.x25519(keys.x25519Scalar(), share)
        .map(x25519Secret -> combine(pqSecret, x25519Secret, share, keys.x25519Public()));
  }

  private static byte[] combine(byte[] pqSecret, byte[] x25519Secret, byte[] share,
      byte[] x25519Public) {
    SHA3Digest sha3 = new SHA3Digest(256);
    for (byte[] part : new byte[][] {pqSecret, x25519Secret, share, x25519Public, LABEL}) {
      sha3.update(part, 0, part.length);
    }
    byte[] out = new byte[32];
    sha3.doFinal(out, 0);
    return out;
  }
}
