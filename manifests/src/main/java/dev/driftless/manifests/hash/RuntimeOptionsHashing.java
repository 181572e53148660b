package dev.driftless.manifests.hash;

import dev.driftless.manifests.model.RuntimeOptions;

/**
 * The runtime options' part of the spec hash. Only options set away from their default are
 * written, each behind its own name, so that a service using none keeps its earlier hash.
 */
final class RuntimeOptionsHashing {

  private RuntimeOptionsHashing() {}

  static void write(CanonicalDigest out, RuntimeOptions runtime) {
    // RuntimeOptions has no field yet.
  }
}
