package dev.driftless.manifests.model;

/**
 * The limits and shares of a container's resources, in the engine's units. Zero means not set:
 * the engine's default, which is no limit.
 *
 * @param nanoCpus CPU limit in billionths of a CPU ({@code cpus: 1.5} is 1500000000)
 * @param memory memory limit in bytes
 * @param memoryReservation memory soft limit in bytes
 * @param pidsLimit the most processes the container may run
 * @param cpuShares relative CPU weight
 */
public record Resources(
    long nanoCpus, long memory, long memoryReservation, long pidsLimit, long cpuShares) {

  /** No limit set. */
  public static final Resources NONE = new Resources(0, 0, 0, 0, 0);

  public Resources {
    if (nanoCpus < 0 || memory < 0 || memoryReservation < 0 || cpuShares < 0) {
      throw new IllegalArgumentException("resource limits must not be negative");
    }
    if (pidsLimit < -1) {
      throw new IllegalArgumentException("pids limit must be -1 (unlimited) or more");
    }
  }
}
