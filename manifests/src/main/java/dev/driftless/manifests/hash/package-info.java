/**
 * The spec hash: a stable fingerprint of a service's configuration, stored as a container label
 * so that drift and changes are detected without re-reading every field from Docker.
 */
package dev.driftless.manifests.hash;
