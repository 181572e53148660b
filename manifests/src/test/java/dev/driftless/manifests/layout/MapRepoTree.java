package dev.driftless.manifests.layout;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A repository tree held in memory: path to content. */
final class MapRepoTree implements RepoTree {

  private final Map<String, String> files;

  private MapRepoTree(Map<String, String> files) {
    this.files = new TreeMap<>(files);
  }

  /** A tree of the given files, as path, content, path, content... */
  static MapRepoTree of(String... pathsAndContents) {
    if (pathsAndContents.length % 2 != 0) {
      throw new IllegalArgumentException("paths and contents come in pairs");
    }
    Map<String, String> files = new TreeMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      files.put(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    return new MapRepoTree(files);
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
