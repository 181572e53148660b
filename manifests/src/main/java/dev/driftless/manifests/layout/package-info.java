/**
 * Where apps live in a desired-state repository, and rendering all of them at once so that one
 * broken app never hides or endangers the others. The repository is reached only through
 * {@link dev.driftless.manifests.layout.RepoTree}, which the git provider implements.
 */
package dev.driftless.manifests.layout;
