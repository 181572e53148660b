package dev.driftless.manifests.layout;

import java.util.List;
import java.util.Optional;

/**
 * The files of one revision of a desired-state repository, as the layout and the renderer need
 * them. It keeps this module pure: the git provider implements it over a JGit tree, a local
 * folder can implement it over the file system, and tests over a map.
 */
public interface RepoTree {

  /**
   * Every file of the tree, not its directories: repo-relative, {@code /}-separated, with no
   * leading {@code /}.
   */
  List<String> paths();

  /**
   * The content of the file at {@code path}, decoded as UTF-8; empty when the tree has no such
   * file. An implementation that cannot read the tree throws an unchecked exception: that is a
   * failed fetch, not a bad manifest, and must stop the whole render.
   */
  Optional<String> readText(String path);

  /**
   * The raw bytes of the file at {@code path}, for repo files bound into containers (which need
   * not be text); empty when the tree has no such file. The default encodes {@link #readText}.
   */
  default Optional<byte[]> readBytes(String path) {
    return readText(path).map(text -> text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
