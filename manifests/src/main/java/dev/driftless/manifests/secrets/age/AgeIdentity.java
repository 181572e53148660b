package dev.driftless.manifests.secrets.age;

/**
 * Something that can open an age file: a secret key, or a passphrase.
 *
 * <p>The set is closed because every type needs code in this package to unwrap its stanzas.
 * Implementations never show their secret in {@code toString()}, so that an identity that ends
 * up in a log line or an exception message leaks nothing.
 */
public sealed interface AgeIdentity permits X25519Identity, HybridIdentity, ScryptIdentity {

  /** The stanza type this identity opens, as written in the header ({@code X25519}, …). */
  String stanzaType();
}
