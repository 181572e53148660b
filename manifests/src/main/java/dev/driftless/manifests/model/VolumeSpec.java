package dev.driftless.manifests.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A named volume as the top-level {@code volumes:} declares it.
 *
 * @param key the name the Compose file uses for it
 * @param name the engine's name when set with {@code name:} (or, for an external volume, its
 *     key); {@code ""} means Compose's {@code <project>_<key>}, see {@link #engineName}
 * @param external whether it exists outside the app: never created nor removed by Driftless
 * @param driver the driver, {@code ""} for the engine's default ({@code local})
 * @param driverOptions {@code driver_opts}, sorted
 * @param labels the user's labels, sorted
 * @param prune whether the repo opted in ({@code x-driftless-prune: true}) to Driftless removing
 *     the volume, with its data, once no service of the app uses it; never true when external
 */
public record VolumeSpec(String key, String name, boolean external, String driver,
    Map<String, String> driverOptions, Map<String, String> labels, boolean prune) {

  public VolumeSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(driver, "driver");
    driverOptions = Collections.unmodifiableSortedMap(new TreeMap<>(driverOptions));
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    if (key.isEmpty()) {
      throw new IllegalArgumentException("a volume needs a key");
    }
    if (external && (name.isEmpty() || prune)) {
      throw new IllegalArgumentException("an external volume needs its name and is never pruned");
    }
  }

  /** The engine's name for it in app {@code app}: {@code name:}, else {@code <app>_<key>}. */
  public String engineName(String app) {
    return name.isEmpty() ? app + "_" + key : name;
  }
}
