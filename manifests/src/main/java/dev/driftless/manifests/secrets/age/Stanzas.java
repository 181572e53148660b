package dev.driftless.manifests.secrets.age;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Wrapping the file key into a stanza for each recipient type, and unwrapping it with each
 * identity type, with the checks the age specification requires of each.
 *
 * <p>Unwrapping has three outcomes, as in the reference implementation: the file key; "not mine"
 * (an empty result: another type, or a stanza for another key), after which the next stanza is
 * tried; or an {@link AgeException} for a stanza of our type that is malformed, which stops
 * decryption, because a malformed stanza is an attack or a bug and never a different key.
 */
final class Stanzas {

  static final int FILE_KEY_SIZE = 16;
  private static final int WRAPPED_SIZE = FILE_KEY_SIZE + Primitives.TAG_SIZE;
  private static final byte[] X25519_INFO = ascii("age-encryption.org/v1/X25519");
  private static final byte[] SCRYPT_SALT_LABEL = ascii("age-encryption.org/v1/scrypt");
  private static final byte[] HYBRID_INFO = ascii("age-encryption.org/mlkem768x25519");
  private static final Pattern WORK_FACTOR = Pattern.compile("[1-9][0-9]{0,8}");

  private Stanzas() {}

  static Stanza wrap(AgeRecipient recipient, byte[] fileKey, SecureRandom random)
      throws AgeException {
    if (recipient instanceof X25519Recipient x25519) {
      return wrapX25519(x25519, fileKey, random);
    } else if (recipient instanceof HybridRecipient hybrid) {
      Hpke.Sealed sealed = Hpke.seal(hybrid.publicKey(), HYBRID_INFO, fileKey, random);
      return new Stanza(HybridRecipient.STANZA_TYPE, List.of(StrictBase64.encodeRaw(sealed.enc())),
          sealed.ciphertext());
    } else if (recipient instanceof ScryptRecipient scrypt) {
      byte[] salt = new byte[16];
      random.nextBytes(salt);
      byte[] key = scryptKey(scrypt.passphrase(), salt, scrypt.workFactor());
      return new Stanza(ScryptRecipient.STANZA_TYPE,
          List.of(StrictBase64.encodeRaw(salt), Integer.toString(scrypt.workFactor())),
          Primitives.seal(key, Primitives.ZERO_NONCE, fileKey));
    }
    throw new AgeException(AgeException.Kind.UNSUPPORTED,
        "unsupported recipient type '" + recipient.stanzaType() + "'");
  }

  private static Stanza wrapX25519(X25519Recipient recipient, byte[] fileKey,
      SecureRandom random) throws AgeException {
    byte[] ephemeral = new byte[32];
    random.nextBytes(ephemeral);
    byte[] share = Primitives.x25519Base(ephemeral);
    byte[] shared = Primitives.x25519(ephemeral, recipient.publicKey())
        .orElseThrow(() -> new AgeException(AgeException.Kind.KEY,
            "the recipient " + recipient + " is a low-order point and cannot be encrypted to"));
    byte[] key = Primitives.hkdf(shared, concat(share, recipient.publicKey()), X25519_INFO, 32);
    return new Stanza(X25519Recipient.STANZA_TYPE, List.of(StrictBase64.encodeRaw(share)),
        Primitives.seal(key, Primitives.ZERO_NONCE, fileKey));
  }

  /** The file key, empty when this stanza is not for this identity. */
  static Optional<byte[]> unwrap(AgeIdentity identity, Stanza stanza) throws AgeException {
    if (!stanza.type().equals(identity.stanzaType())) {
      return Optional.empty();
    }
    if (identity instanceof X25519Identity x25519) {
      return unwrapX25519(x25519, stanza);
    } else if (identity instanceof HybridIdentity hybrid) {
      return unwrapHybrid(hybrid, stanza);
    } else if (identity instanceof ScryptIdentity scrypt) {
      return unwrapScrypt(scrypt, stanza);
    }
    return Optional.empty();
  }

  private static Optional<byte[]> unwrapX25519(X25519Identity identity, Stanza stanza)
      throws AgeException {
    byte[] share = singleArgument(stanza, 32);
    checkBody(stanza);
    byte[] shared = Primitives.x25519(identity.secretKey(), share)
        .orElseThrow(() -> malformed(stanza, "its share is a low-order point"));
    byte[] salt = concat(share, identity.recipient().publicKey());
    byte[] key = Primitives.hkdf(shared, salt, X25519_INFO, 32);
    return Primitives.open(key, Primitives.ZERO_NONCE, stanza.body());
  }

  private static Optional<byte[]> unwrapHybrid(HybridIdentity identity, Stanza stanza)
      throws AgeException {
    byte[] enc = singleArgument(stanza, MlKem768X25519.CIPHERTEXT_SIZE);
    checkBody(stanza);
    return Hpke.open(MlKem768X25519.expand(identity.seed()), enc, HYBRID_INFO, stanza.body());
  }

  private static Optional<byte[]> unwrapScrypt(ScryptIdentity identity, Stanza stanza)
      throws AgeException {
    if (stanza.args().size() != 2) {
      throw malformed(stanza, "it needs a salt and a work factor");
    }
    byte[] salt = StrictBase64.decodeRaw(stanza.args().get(0))
        .filter(bytes -> bytes.length == 16)
        .orElseThrow(() -> malformed(stanza, "its salt is not a canonical 16-byte value"));
    String factor = stanza.args().get(1);
    if (!WORK_FACTOR.matcher(factor).matches()) {
      throw malformed(stanza, "its work factor is not a decimal number without leading zeros");
    }
    int workFactor = Integer.parseInt(factor);
    if (workFactor > identity.maxWorkFactor()) {
      throw new AgeException(AgeException.Kind.HEADER,
          "invalid age header: the scrypt work factor " + workFactor + " is above the limit of "
              + identity.maxWorkFactor() + " (it would need "
              + (workFactor >= 20 ? (1L << (workFactor - 20)) + " GiB" : (1L << (workFactor - 10)) + " MiB")
              + " of memory)");
    }
    checkBody(stanza);
    byte[] key = scryptKey(identity.passphrase(), salt, workFactor);
    return Primitives.open(key, Primitives.ZERO_NONCE, stanza.body());
  }

  private static byte[] scryptKey(String passphrase, byte[] salt, int workFactor) {
    return SCrypt.generate(passphrase.getBytes(StandardCharsets.UTF_8),
        concat(SCRYPT_SALT_LABEL, salt), 1 << workFactor, 8, 1, 32);
  }

  private static byte[] singleArgument(Stanza stanza, int size) throws AgeException {
    if (stanza.args().size() != 1) {
      throw malformed(stanza, "it needs exactly one argument after its type");
    }
    return StrictBase64.decodeRaw(stanza.args().get(0))
        .filter(bytes -> bytes.length == size)
        .orElseThrow(() -> malformed(stanza, "its argument is not a canonical " + size
            + "-byte value"));
  }

  /** Checked before decrypting, against partitioning oracle attacks. */
  private static void checkBody(Stanza stanza) throws AgeException {
    if (stanza.bodyLength() != WRAPPED_SIZE) {
      throw malformed(stanza, "its body is " + stanza.bodyLength() + " bytes instead of "
          + WRAPPED_SIZE);
    }
  }

  private static AgeException malformed(Stanza stanza, String why) {
    return new AgeException(AgeException.Kind.HEADER,
        "invalid age header: malformed " + stanza.type() + " stanza: " + why);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
