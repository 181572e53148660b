package dev.driftless.manifests.layout;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.compose.DotEnv;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where the renderer reads an env file: an environment's layers and an app
 * folder's {@code .env} both come through {@link #read}, so that one change here (decrypting
 * {@code *.age} or SOPS env files, say) applies to every env file a repository holds.
 */
final class EnvFiles {

  private EnvFiles() {}

  /**
   * The variables of the env file at {@code path}, layered over {@code inherited}; empty when the
   * tree holds no such file.
   *
   * @param inherited the variables of the earlier layers, which its values may use
   * @throws ManifestException when the file is not a valid env file
   */
  static Optional<DotEnv> read(RepoTree tree, String path, Map<String, String> inherited)
      throws ManifestException {
    Optional<String> text = tree.readText(path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(DotEnv.parse(path, text.get(), inherited));
  }

  /** Like {@link #read}, for a file that must exist. */
  static DotEnv require(RepoTree tree, String path, Map<String, String> inherited)
      throws ManifestException {
    return read(tree, path, inherited).orElseThrow(() -> new ManifestException(
        ManifestProblem.inFile(path, "the env file is listed but could not be read")));
  }
}
