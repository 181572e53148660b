/**
 * Reading Compose files (the Compose specification, as far as Driftless supports it) safely and
 * strictly, with a line and column for every problem. SnakeYAML stays inside this package.
 */
package dev.driftless.manifests.compose;
