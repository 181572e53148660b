package dev.driftless.manifests.layout;

import dev.driftless.manifests.model.DesiredApp;
import java.util.Objects;

/**
 * Where one app lives in the repository.
 *
 * @param name the app name (its Compose project name), valid per {@link DesiredApp#isValidName}
 * @param directory the app's folder, repo-relative, {@code ""} for the repository root
 * @param composeFile the Compose file's repo-relative path, such as {@code hello/compose.yaml}
 */
public record AppLocation(String name, String directory, String composeFile) {

  public AppLocation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(composeFile, "composeFile");
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
}
