package dev.driftless.manifests.secrets.age;

import java.io.IOException;

/**
 * The one exception of the age code: a file, a key or an armor could not be used.
 *
 * <p>It extends {@link IOException} because decryption is streamed: a tampered chunk is only found
 * while the caller reads, and {@link java.io.InputStream#read()} can only throw an I/O error. The
 * {@link #kind()} says which layer refused the input, so that callers (and the official test
 * vectors) can tell a bad header from a wrong key or a truncated payload.
 *
 * <p>Messages say what is wrong and never contain key material or plaintext.
 */
public final class AgeException extends IOException {

  private static final long serialVersionUID = 1L;

  /** Which layer of the format refused the input. */
  public enum Kind {
    /** The ASCII armor around the file is not strict PEM as age writes it. */
    ARMOR,
    /** The header does not parse, or a stanza addressed to one of our identities is malformed. */
    HEADER,
    /** The header parses, but none of the identities opens any of its stanzas. */
    NO_IDENTITY_MATCHED,
    /** A stanza was opened, but the header MAC does not match: the header was changed. */
    HEADER_MAC,
    /** The payload is truncated, tampered with, or followed by trailing data. */
    PAYLOAD,
    /** An identity, recipient or identity file is not in a form we accept. */
    KEY,
    /** A recipient or identity type that this implementation cannot use. */
    UNSUPPORTED
  }

  private final Kind kind;

  public AgeException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public AgeException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
