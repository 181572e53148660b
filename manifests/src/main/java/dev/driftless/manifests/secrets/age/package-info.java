/**
 * The age file format (age-encryption.org/v1) on Bouncy Castle's primitives: X25519, the
 * post-quantum hybrid ML-KEM-768 + X25519, and scrypt passphrases; binary and ASCII-armored
 * files; streaming. {@link dev.driftless.manifests.secrets.age.Age} is the entry point,
 * {@link dev.driftless.manifests.secrets.age.AgeKeys} reads keys, and every failure is an
 * {@link dev.driftless.manifests.secrets.age.AgeException}. Pure code: no files, no network.
 */
package dev.driftless.manifests.secrets.age;
