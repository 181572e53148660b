package dev.driftless.manifests.model;

import java.util.Objects;

/**
 * A host device made available in the container ({@code devices: ["/dev/fuse:/dev/fuse:rwm"]}).
 *
 * @param pathOnHost the device on the host
 * @param pathInContainer where it appears in the container
 * @param permissions the cgroup permissions, a combination of {@code r}, {@code w} and {@code m}
 */
public record Device(String pathOnHost, String pathInContainer, String permissions) {

  public Device {
    Objects.requireNonNull(pathOnHost, "pathOnHost");
    Objects.requireNonNull(pathInContainer, "pathInContainer");
    Objects.requireNonNull(permissions, "permissions");
    if (!permissions.matches("[rwm]{1,3}")) {
      throw new IllegalArgumentException(
          "device permissions '" + permissions + "' are not a combination of r, w and m");
    }
  }
}
