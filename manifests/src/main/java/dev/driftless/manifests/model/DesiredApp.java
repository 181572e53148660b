package dev.driftless.manifests.model;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The desired state of one app (a Compose project) at one revision: the value the planner
 * compares with what runs.
 *
 * @param name the app name, which is also the Compose project name of its containers: lower-case
 *     letters, digits, {@code _} and {@code -}, starting with a letter or a digit
 * @param services the services, sorted by name, names unique
 */
public record DesiredApp(String name, List<DesiredService> services) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  public DesiredApp {
    Objects.requireNonNull(name, "name");
    if (!isValidName(name)) {
      throw new IllegalArgumentException(
          "app name '" + name + "' is not a valid Compose project name ([a-z0-9][a-z0-9_-]*)");
    }
    services =
        services.stream().sorted(Comparator.comparing(DesiredService::name)).toList();
    Set<String> seen = new HashSet<>();
    for (DesiredService service : services) {
      if (!seen.add(service.name())) {
        throw new IllegalArgumentException(
            "app '" + name + "' has two services named '" + service.name() + "'");
      }
    }
  }

  /** Whether {@code name} is a valid app name, that is a valid Compose project name. */
  public static boolean isValidName(String name) {
    return NAME.matcher(name).matches();
  }

  /**
   * The networks the services join, by key: those Driftless creates (unless external) before the
   * containers. A network declared at the top level but joined by no service is left out, as
   * Compose does.
   */
  public List<NetworkSpec> networks() {
    Map<String, NetworkSpec> byKey = new TreeMap<>();
    services.forEach(service -> service.attachments().networks()
        .forEach(joined -> byKey.putIfAbsent(joined.network().key(), joined.network())));
    return List.copyOf(byKey.values());
  }

  /** The named volumes the services mount, by key; anonymous volumes are not among them. */
  public List<VolumeSpec> volumes() {
    Map<String, VolumeSpec> byKey = new TreeMap<>();
    services.forEach(service -> service.attachments().mounts().forEach(mount -> {
      if (mount instanceof Mount.Volume volume && !volume.anonymous()) {
        byKey.putIfAbsent(volume.volume().key(), volume.volume());
      }
    }));
    return List.copyOf(byKey.values());
  }

  /** The service called {@code name}, if the app has one. */
  public Optional<DesiredService> service(String name) {
    return services.stream().filter(service -> service.name().equals(name)).findFirst();
  }
}
