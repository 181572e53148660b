package dev.driftless.manifests.secrets.age;

/**
 * A passphrase to decrypt with, and the largest scrypt work factor it will spend on a file.
 *
 * <p>The limit matters because the work factor is chosen by whoever wrote the file: scrypt's
 * memory grows as 2^workFactor KiB, so an unbounded factor lets a file exhaust the JVM's heap.
 *
 * @param passphrase the passphrase; never shown by {@link #toString()}
 * @param maxWorkFactor files asking for more are refused ({@value #DEFAULT_MAX_WORK_FACTOR}, the
 *     default, is what {@code age -p} writes, and costs 256 MiB)
 */
public record ScryptIdentity(String passphrase, int maxWorkFactor) implements AgeIdentity {

  public static final int DEFAULT_MAX_WORK_FACTOR = 18;

  public ScryptIdentity {
    if (passphrase == null || passphrase.isEmpty()) {
      throw new IllegalArgumentException("the passphrase is empty");
    }
    if (maxWorkFactor < 1 || maxWorkFactor > 30) {
      throw new IllegalArgumentException("the maximum scrypt work factor must be between 1 and 30");
    }
  }

  public ScryptIdentity(String passphrase) {
    this(passphrase, DEFAULT_MAX_WORK_FACTOR);
  }

  @Override
  public String stanzaType() {
    return ScryptRecipient.STANZA_TYPE;
  }

  @Override
  public String toString() {
    return "ScryptIdentity[passphrase=***, maxWorkFactor=" + maxWorkFactor + "]";
  }
}
