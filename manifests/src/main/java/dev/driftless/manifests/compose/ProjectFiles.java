package dev.driftless.manifests.compose;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The repository files a Compose file may refer to (relative bind sources, secrets' and configs'
 * {@code file:}), seen from the app's folder, without tying the reader to how the repository is
 * stored.
 *
 * @param directory the app's folder, repo-relative, {@code ""} for the root: relative paths in
 *     the file are resolved from it, as Compose resolves them from the project folder
 * @param paths every file of the repository, repo-relative
 * @param reader the bytes of a file by repo-relative path, empty when absent
 */
public record ProjectFiles(
    String directory, List<String> paths, Function<String, Optional<byte[]>> reader) {

  /** No repository around the file: every relative source is reported as missing. */
  public static final ProjectFiles NONE = new ProjectFiles("", List.of(), path -> Optional.empty());

  public ProjectFiles {
    paths = List.copyOf(paths);
  }
}
