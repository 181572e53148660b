package dev.driftless.manifests.secrets.age;

/**
 * A passphrase to encrypt to ({@code age -p}). age allows it only as the sole recipient of a
 * file, so that a passphrase-encrypted file is known to come from someone who knew the passphrase.
 *
 * @param passphrase the passphrase; never shown by {@link #toString()}
 * @param workFactor the base-2 logarithm of scrypt's N; 18 is age's default (about 1 s and
 *     256 MiB)
 */
public record ScryptRecipient(String passphrase, int workFactor) implements AgeRecipient {

  static final String STANZA_TYPE = "scrypt";
  public static final int DEFAULT_WORK_FACTOR = 18;

  public ScryptRecipient {
    if (passphrase == null || passphrase.isEmpty()) {
      throw new IllegalArgumentException("the passphrase is empty");
    }
    if (workFactor < 1 || workFactor > 30) {
      throw new IllegalArgumentException("the scrypt work factor must be between 1 and 30");
    }
  }

  public ScryptRecipient(String passphrase) {
    this(passphrase, DEFAULT_WORK_FACTOR);
  }

  @Override
  public String stanzaType() {
    return STANZA_TYPE;
  }

  @Override
  public String toString() {
    return "ScryptRecipient[passphrase=***, workFactor=" + workFactor + "]";
  }
}
