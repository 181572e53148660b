package dev.driftless.manifests.hash;

/**
 * Where the writers of the spec hash put each top-level field. Every field starts with its name,
 * written by {@link #to}; what the field writes after it goes into the digest returned.
 *
 * <p>{@link SpecHash} sends every field into one digest ({@link #into}), which keeps its bytes
 * exactly as they always were; {@link SpecFields} gives each field a digest of its own, so that a
 * plan can say which fields changed.
 */
@FunctionalInterface
interface FieldSink {

  /**
   * Starts field {@code hashedName} (the token written into the digest, part of the spec hash's
   * contract), which a user knows as {@code composeName}; returns the digest its value goes into.
   */
  CanonicalDigest to(String hashedName, String composeName);

  /** Starts a field whose hashed name is also its Compose name. */
  default CanonicalDigest to(String name) {
    return to(name, name);
  }

  /** Every field into {@code out}, one after the other: the spec hash's own form. */
  static FieldSink into(CanonicalDigest out) {
    return (hashedName, composeName) -> out.text(hashedName);
  }
}
