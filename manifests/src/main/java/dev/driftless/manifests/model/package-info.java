/**
 * The rendered desired state as immutable, validated records: what the planner compares with the
 * containers observed on a target. Nothing here knows about YAML, files or Docker.
 */
package dev.driftless.manifests.model;
