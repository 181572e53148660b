/**
 * The desired-state side of Driftless: what a repository says should run, read from plain text
 * with no I/O of its own. Problems are reported as {@link dev.driftless.manifests.ManifestProblem}
 * values (file, line, column) and thrown together in one
 * {@link dev.driftless.manifests.ManifestException}, the module's only exception.
 */
package dev.driftless.manifests;
