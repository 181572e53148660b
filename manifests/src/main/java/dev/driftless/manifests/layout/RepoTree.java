package dev.driftless.manifests.layout;

import java.nio.charset.StandardCharsets;
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
   * The raw content of the file at {@code path}, which may be binary (a build context holds
   * images, archives; a {@code *.age} file and a repo file bound
   * into a container need not be text); empty when the tree has no such file. The default reads
   * the text.
   */
  default Optional<byte[]> readBytes(String path) {
    return readText(path).map(text -> text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Git's content id of the file (the SHA-1 of its blob), which changes exactly when its content
   * does; empty when the tree has no such file. A git tree knows it without reading the file.
   */
  default Optional<String> contentId(String path) {
    return readBytes(path).map(GitBlobId::of);
  }

  /** Whether the file is executable (git's mode 100755); a build copies the mode. */
  default boolean isExecutable(String path) {
    return false;
  }
}
