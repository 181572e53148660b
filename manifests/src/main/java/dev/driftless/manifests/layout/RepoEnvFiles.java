package dev.driftless.manifests.layout;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.compose.EnvFiles;
import dev.driftless.manifests.compose.EnvValues;
import dev.driftless.manifests.envfile.EnvFileLoader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The env files of one app, read from the repository's tree: paths relative to the app's folder,
 * never outside the repository, each file read and decrypted once per render however many
 * services name it.
 */
final class RepoEnvFiles implements EnvFiles {

  private final RepoTree tree;
  private final String directory;
  private final String composeFile;
  private final EnvFileLoader loader;
  private final Map<String, Optional<EnvValues>> loaded = new HashMap<>();

  /**
   * @param directory the app's folder, which relative paths start from
   * @param composeFile the app's (first) Compose file, named in problems
   */
  RepoEnvFiles(RepoTree tree, String directory, String composeFile, EnvFileLoader loader) {
    this.tree = tree;
    this.directory = directory;
    this.composeFile = composeFile;
    this.loader = loader;
  }

  @Override
  public Optional<EnvValues> load(String path) throws ManifestException {
    String file = repoPath(path);
    Optional<EnvValues> known = loaded.get(file);
    if (known != null) {
      return known;
    }
    Optional<byte[]> content = tree.readBytes(file);
    Optional<EnvValues> values = Optional.empty();
    if (content.isPresent()) {
      values = Optional.of(loader.load(file, content.get()));
    }
    loaded.put(file, values);
    return values;
  }

  @Override
  public String resolve(String path) {
    try {
      return repoPath(path);
    } catch (ManifestException e) {
      return path;
    }
  }

  @Override
  public String secretDigest(String value) {
    return loader.keys().digest(value);
  }

  /** {@code path} relative to the app's folder, as a repo-relative path without dot segments. */
  private String repoPath(String path) throws ManifestException {
    if (path.startsWith("/") || path.startsWith("~") || path.contains("\\")) {
      throw outside(path, "an env file is named relative to the app's folder, inside the "
          + "repository");
    }
    Deque<String> segments = new ArrayDeque<>();
    String full = directory.isEmpty() ? path : directory + "/" + path;
    for (String segment : full.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (segments.isEmpty()) {
          throw outside(path, "it leaves the repository");
        }
        segments.removeLast();
      } else {
        segments.addLast(segment);
      }
    }
    return String.join("/", segments);
  }

  private ManifestException outside(String path, String why) {
    return new ManifestException(ManifestProblem.inFile(composeFile,
        "env_file '" + path + "' cannot be used: " + why));
  }
}
