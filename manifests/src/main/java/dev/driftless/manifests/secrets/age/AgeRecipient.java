package dev.driftless.manifests.secrets.age;

/**
 * Someone a file is encrypted to: a public key, or a passphrase.
 *
 * <p>The set is closed because every type needs code in this package to wrap the file key.
 */
public sealed interface AgeRecipient permits X25519Recipient, HybridRecipient, ScryptRecipient {

  /** The stanza type this recipient produces in the header ({@code X25519}, …). */
  String stanzaType();
}
