package dev.driftless.manifests.layout;

import dev.driftless.manifests.compose.BuildContexts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A revision's build contexts, read from its tree. A context's fingerprint is the SHA-256 of each
 * file under the folder, sorted by path: its path relative to the folder, whether it is
 * executable and git's content id. So it changes when a file in the context is added, removed,
 * renamed, made executable or edited, and never for a file elsewhere; and it costs no file read
 * on a git tree, which already knows each file's content id.
 *
 * <p>{@code .dockerignore} is not applied: a file it excludes still counts, so such a change
 * rebuilds the image rather than leave a stale one running.
 */
public final class TreeBuildContexts implements BuildContexts {

  private final RepoTree tree;
  private final Set<String> paths;

  public TreeBuildContexts(RepoTree tree) {
    this.tree = Objects.requireNonNull(tree, "tree");
    this.paths = Set.copyOf(tree.paths());
  }

  /** The repo-relative paths of the files under {@code folder}, sorted. */
  public static List<String> filesUnder(RepoTree tree, String folder) {
    String prefix = folder.isEmpty() ? "" : folder + "/";
    return tree.paths().stream().filter(path -> path.startsWith(prefix)).sorted().toList();
  }

  @Override
  public Optional<String> digest(String folder) {
    List<String> files = filesUnder(tree, folder);
    if (files.isEmpty()) {
      return Optional.empty();
    }
    int strip = folder.isEmpty() ? 0 : folder.length() + 1;
    MessageDigest digest = sha256();
    for (String path : files) {
      String line = path.substring(strip) + "\0" + (tree.isExecutable(path) ? "755" : "644") + "\0"
          + tree.contentId(path).orElseThrow() + "\n";
      digest.update(line.getBytes(StandardCharsets.UTF_8));
    }
    return Optional.of(HexFormat.of().formatHex(digest.digest()));
  }

  @Override
  public boolean isFile(String path) {
    return paths.contains(path);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
