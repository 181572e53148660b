/**
 * The repository configuration, {@code driftless.yaml}: which apps a repository holds, the
 * environments (ordered env-file layers) they are rendered for, the Docker engines (targets) and
 * groups of engines they deploy to, and the policies every app must respect. Immutable records
 * and their reader; pure, like the rest of the module. The schema is documented for users in
 * {@code docs/driftless-yaml.md}.
 */
package dev.driftless.manifests.config;
