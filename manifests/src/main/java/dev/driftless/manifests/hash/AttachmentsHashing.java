package dev.driftless.manifests.hash;

import dev.driftless.manifests.model.Attachments;

/**
 * The networks' and mounts' part of the spec hash. Only what differs from Compose's default (the
 * app network, no mounts) is written, so that a service attaching nothing keeps its earlier hash.
 */
final class AttachmentsHashing {

  private AttachmentsHashing() {}

  static void write(CanonicalDigest out, Attachments attachments) {
    // Attachments has no field yet.
  }
}
