package dev.driftless.manifests.layout;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A repository tree held in memory, path to content: what a local folder is read into, and what
 * tests render without a git repository.
 */
public final class InMemoryRepoTree implements RepoTree {

  private final Map<String, String> files;

  private InMemoryRepoTree(Map<String, String> files) {
    this.files = new TreeMap<>(files);
  }

  /** A tree of these files, by repo-relative path. */
  public static InMemoryRepoTree of(Map<String, String> files) {
    return new InMemoryRepoTree(files);
  }

  /** A tree of the given files, as path, content, path, content... */
  public static InMemoryRepoTree of(String... pathsAndContents) {
    if (pathsAndContents.length % 2 != 0) {
      throw new IllegalArgumentException("paths and contents come in pairs");
    }
    Map<String, String> files = new TreeMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      files.put(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    return new InMemoryRepoTree(files);
  }

  @Override
  public List<String> paths() {
    return List.copyOf(files.keySet());
  }

  @Override
  public Optional<String> readText(String path) {
    return Optional.ofNullable(files.get(path));
  }
}
