package dev.driftless.manifests.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A container's health check as the engine takes it. An empty {@code test} keeps the image's own
 * test (only the timings are changed); {@code ["NONE"]} disables any check, which is what
 * {@code disable: true} means. Absent timings are the engine's defaults.
 *
 * @param test {@code ["CMD", ...]}, {@code ["CMD-SHELL", "..."]}, {@code ["NONE"]} or empty
 * @param interval time between two checks
 * @param timeout time one check may take
 * @param startPeriod time after start during which failures do not count
 * @param startInterval time between checks during the start period
 * @param retries failures in a row that make the container unhealthy
 */
public record HealthCheck(
    List<String> test,
    Optional<Duration> interval,
    Optional<Duration> timeout,
    Optional<Duration> startPeriod,
    Optional<Duration> startInterval,
    OptionalInt retries) {

  /** The check that turns every check off, the image's included. */
  public static final HealthCheck DISABLED =
      new HealthCheck(
          List.of("NONE"),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          OptionalInt.empty());

  public HealthCheck {
    test = List.copyOf(test);
    if (!test.isEmpty() && !List.of("CMD", "CMD-SHELL", "NONE").contains(test.get(0))) {
      throw new IllegalArgumentException(
          "a health check test starts with CMD, CMD-SHELL or NONE, not '" + test.get(0) + "'");
    }
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(startPeriod, "startPeriod");
    Objects.requireNonNull(startInterval, "startInterval");
    Objects.requireNonNull(retries, "retries");
    for (Optional<Duration> duration : List.of(interval, timeout, startPeriod, startInterval)) {
      if (duration.isPresent() && duration.get().isNegative()) {
        throw new IllegalArgumentException("health check durations must not be negative");
      }
    }
    if (retries.isPresent() && retries.getAsInt() < 0) {
      throw new IllegalArgumentException("health check retries must not be negative");
    }
  }

  /** Whether this turns health checking off. */
  public boolean disabled() {
    return test.equals(List.of("NONE"));
  }
}
