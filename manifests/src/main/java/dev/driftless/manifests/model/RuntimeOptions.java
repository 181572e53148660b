package dev.driftless.manifests.model;

import java.util.Objects;

/**
 * How a service's containers run, beyond image, command, environment, ports and labels: the
 * process (entrypoint, user, working directory), its limits, health check, restart policy and
 * the other Compose keys that configure one container on its own.
 *
 * <p>{@link #NONE} is "nothing set": every field at the engine's default. A field at its default
 * is not part of the spec hash, so a service that sets none of these keys keeps the hash it had
 * before the keys were supported, and upgrading Driftless recreates nothing.
 *
 * @param pullPolicy when the image is fetched from its registry; not part of the spec hash, since
 *     it decides how the image gets onto the engine, not how the container is configured
 */
public record RuntimeOptions(PullPolicy pullPolicy) {

  /** Every option at the engine's default. */
  public static final RuntimeOptions NONE = new RuntimeOptions(PullPolicy.MISSING);

  public RuntimeOptions {
    Objects.requireNonNull(pullPolicy, "pullPolicy");
  }
}
