package dev.driftless.manifests.config;

import java.util.Optional;

/** What reading {@code driftless.yaml} needs to know of the repository's other files. */
public interface RepoFiles {

  /** Whether the repository holds a file at {@code path} (repo-relative). */
  boolean exists(String path);

  /**
   * The Compose file a folder's app uses when none is named, as a name within the folder
   * ({@code compose.yaml}); empty when the folder has none.
   */
  Optional<String> defaultComposeFile(String directory);
}
