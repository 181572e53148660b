package dev.driftless.manifests.secrets.sops;

/**
 * The one exception of the SOPS code: a document could not be decrypted. The message starts with
 * the file's name and says what is wrong; it never contains a value, a key or a MAC, so it can be
 * logged and shown in the API as it is.
 */
public final class SopsException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why the document could not be decrypted. */
  public enum Reason {
    /** Not a SOPS document: no {@code sops} metadata, or not valid YAML, JSON, dotenv or INI. */
    MALFORMED,
    /** None of the identities opens any of the document's age entries. */
    NO_MATCHING_KEY,
    /** The document needs something Driftless does not do (PGP or KMS only, Shamir key groups). */
    UNSUPPORTED,
    /** A value does not authenticate under the data key and its path: it was changed or moved. */
    VALUE_TAMPERED,
    /** The values decrypt, but the document's MAC does not match them. */
    MAC_MISMATCH
  }

  private final String file;
  private final Reason reason;

  public SopsException(String file, Reason reason, String message) {
    super(file + ": " + message);
    this.file = file;
    this.reason = reason;
  }

  public SopsException(String file, Reason reason, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
    this.reason = reason;
  }

  /** The name of the document, as the caller gave it. */
  public String file() {
    return file;
  }

  public Reason reason() {
    return reason;
  }
}
