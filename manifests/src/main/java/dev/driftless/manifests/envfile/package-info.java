/**
 * Env files, plain or encrypted: {@link dev.driftless.manifests.envfile.EnvFileLoader} is the one
 * reader of them, for {@code env_file:}, the app's {@code .env} and {@code driftless.yaml}'s
 * environment layers alike.
 */
package dev.driftless.manifests.envfile;
