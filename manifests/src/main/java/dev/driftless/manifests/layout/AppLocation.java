package dev.driftless.manifests.layout;

import dev.driftless.manifests.model.DesiredApp;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one app lives in the repository.
 *
 * @param name the app name (its Compose project name), valid per {@link DesiredApp#isValidName}
 * @param directory the app's folder, repo-relative, {@code ""} for the repository root
 * @param composeFile the Compose file's repo-relative path, such as {@code hello/compose.yaml}
 * @param overrideFile the override file {@code docker compose} merges over it when the folder has
 *     one ({@code hello/compose.override.yaml}), repo-relative
 */
public record AppLocation(
    String name, String directory, String composeFile, Optional<String> overrideFile) {

  /** An app with no override file. */
  public AppLocation(String name, String directory, String composeFile) {
    this(name, directory, composeFile, Optional.empty());
  }

  public AppLocation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(composeFile, "composeFile");
    Objects.requireNonNull(overrideFile, "overrideFile");
    if (!DesiredApp.isValidName(name)) {
      throw new IllegalArgumentException("'" + name + "' is not a valid app name");
    }
    String expectedPrefix = directory.isEmpty() ? "" : directory + "/";
    if (!composeFile.startsWith(expectedPrefix)
        || composeFile.indexOf('/', expectedPrefix.length()) >= 0) {
      throw new IllegalArgumentException(
          "compose file '" + composeFile + "' is not directly in '" + directory + "'");
    }
  }

  /** The Compose files' names within the folder, in the order they are merged. */
  public List<String> composeFileNames() {
    String prefix = directory.isEmpty() ? "" : directory + "/";
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(composeFile),
        overrideFile.stream()).map(path -> path.substring(prefix.length())).toList();
  }
}
