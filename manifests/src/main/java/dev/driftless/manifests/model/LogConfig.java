package dev.driftless.manifests.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a container's output goes: Compose's {@code logging}.
 *
 * @param driver the logging driver; {@code ""} is the engine's default driver
 * @param options the driver's options, sorted by name
 */
public record LogConfig(String driver, Map<String, String> options) {

  public LogConfig {
    Objects.requireNonNull(driver, "driver");
    options = Collections.unmodifiableSortedMap(new TreeMap<>(options));
  }
}
