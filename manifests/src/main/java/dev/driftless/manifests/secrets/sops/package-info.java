/**
 * Decrypting SOPS documents (YAML, JSON, dotenv, INI and binary) whose data key is wrapped for
 * age recipients, verified exactly as {@code sops --decrypt} verifies them, in memory only.
 * {@link dev.driftless.manifests.secrets.sops.SopsDecryptor} is the entry point and
 * {@link dev.driftless.manifests.secrets.sops.SopsException} the one exception; no message or
 * {@code toString()} ever shows a decrypted value.
 */
package dev.driftless.manifests.secrets.sops;
