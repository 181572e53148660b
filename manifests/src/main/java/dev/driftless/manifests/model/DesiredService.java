package dev.driftless.manifests.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One Compose service as Driftless will run it: everything that defines its containers, fully
 * rendered, with no reference left to the file it came from.
 *
 * <p>Collections are copied and unmodifiable; {@code environment} and {@code labels} are sorted by
 * key so that two services that mean the same compare equal and print the same, whatever order
 * the file used.
 *
 * @param name the Compose service name, {@code [a-zA-Z0-9._-]+}
 * @param image the image reference as written (no implicit {@code :latest} is added here); for a
 *     built service without {@code image:}, the name Compose v2 gives it, {@code <app>-<service>}
 * @param command the command to run; empty means the image's default
 * @param environment environment variables, sorted by name
 * @param ports published ports, in declaration order
 * @param labels the user's labels, sorted by key (Driftless adds its own when it creates a
 *     container)
 * @param runtime how each container runs (entrypoint, user, limits, health check, ...)
 * @param attachments the networks and mounts of each container
 * @param build how the image is built from the repository, when the service has {@code build:};
 *     {@code image} is then the name the built image is tagged with
 * @param secretDigests for each environment variable whose value was decrypted from a secret
 *     file, the keyed digest of that value (see {@code DecryptionKeys#digest}), sorted by name:
 *     the variable is a secret, which no output shows, and the spec hash covers it through this
 *     digest rather than through the value
 */
public record DesiredService(
    String name,
    String image,
    List<String> command,
    Map<String, String> environment,
    List<PortBinding> ports,
    Map<String, String> labels,
    RuntimeOptions runtime,
    Attachments attachments,
    Optional<BuildSpec> build,
    Map<String, String> secretDigests) {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._-]+");
  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

  /** A service with every runtime option at its default and no attachments. */
  public DesiredService(
      String name,
      String image,
      List<String> command,
      Map<String, String> environment,
      List<PortBinding> ports,
      Map<String, String> labels) {
    this(name, image, command, environment, ports, labels, RuntimeOptions.NONE, Attachments.NONE);
  }

  /** A service whose image is not built by Driftless. */
  public DesiredService(
      String name,
      String image,
      List<String> command,
      Map<String, String> environment,
      List<PortBinding> ports,
      Map<String, String> labels,
      RuntimeOptions runtime,
      Attachments attachments) {
    this(name, image, command, environment, ports, labels, runtime, attachments, Optional.empty());
  }

  /** A service with no secret in its environment. */
  public DesiredService(
      String name,
      String image,
      List<String> command,
      Map<String, String> environment,
      List<PortBinding> ports,
      Map<String, String> labels,
      RuntimeOptions runtime,
      Attachments attachments,
      Optional<BuildSpec> build) {
    this(name, image, command, environment, ports, labels, runtime, attachments, build, Map.of());
  }

  public DesiredService {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    if (!isValidName(name)) {
      throw new IllegalArgumentException(
          "service name '" + name + "' must match [a-zA-Z0-9._-]+");
    }
    if (image.isEmpty() || image.codePoints().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "image '" + image + "' of service '" + name + "' must be non-empty, without spaces");
    }
    command = List.copyOf(command);
    environment = sortedCopy(environment, "environment");
    for (String key : environment.keySet()) {
      if (key.isEmpty() || key.indexOf('=') >= 0) {
        throw new IllegalArgumentException(
            "environment variable name '" + key + "' must be non-empty, without '='");
      }
    }
    ports = List.copyOf(ports);
    labels = sortedCopy(labels, "labels");
    if (labels.containsKey("")) {
      throw new IllegalArgumentException("label keys must be non-empty");
    }
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(attachments, "attachments");
    Objects.requireNonNull(build, "build");
    secretDigests = sortedCopy(secretDigests, "secretDigests");
    if (!environment.keySet().containsAll(secretDigests.keySet())) {
      throw new IllegalArgumentException("every secret of service '" + name
          + "' must be one of its environment variables");
    }
    for (String digest : secretDigests.values()) {
      if (!DIGEST.matcher(digest).matches()) {
        throw new IllegalArgumentException("a secret digest is 64 lower-case hex characters");
      }
    }
  }

  /** The environment variables whose values are secrets: show their names, never their values. */
  public java.util.Set<String> secretKeys() {
    return secretDigests.keySet();
  }

  /** A copy whose {@code secretDigests} are these. */
  public DesiredService withSecretDigests(Map<String, String> digests) {
    return new DesiredService(name, image, command, environment, ports, labels, runtime,
        attachments, build, digests);
  }

  /**
   * Every field but the environment's values, which may hold secrets and must never reach a log
   * (only the variable names are shown).
   */
  @Override
  public String toString() {
    return "DesiredService[name=" + name + ", image=" + image + ", command=" + command
        + ", environment=" + environment.keySet() + " (values hidden), ports=" + ports
        + ", labels=" + labels + ", runtime=" + runtime + ", attachments=" + attachments
        + build.map(spec -> ", build=" + spec).orElse("")
        + ", secretKeys=" + secretDigests.keySet() + "]";
  }

  /** Whether {@code name} is a valid Compose service name. */
  public static boolean isValidName(String name) {
    return NAME.matcher(name).matches();
  }

  private static SortedMap<String, String> sortedCopy(Map<String, String> map, String what) {
    Objects.requireNonNull(map, what);
    TreeMap<String, String> copy = new TreeMap<>();
    map.forEach(
        (key, value) ->
            copy.put(
                Objects.requireNonNull(key, what + " key"),
                Objects.requireNonNull(value, what + " value of " + key)));
    return Collections.unmodifiableSortedMap(copy);
  }
}
