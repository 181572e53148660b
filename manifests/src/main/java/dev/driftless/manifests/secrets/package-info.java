/**
 * Secrets in the desired state: {@link dev.driftless.manifests.secrets.DecryptionKeys}, the age
 * identities a caller hands to the renderer and the keyed digest that lets the spec hash cover a
 * secret without revealing it. The formats themselves are in {@code age} and {@code sops}.
 */
package dev.driftless.manifests.secrets;
