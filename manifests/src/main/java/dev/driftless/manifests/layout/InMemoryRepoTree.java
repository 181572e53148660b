package dev.driftless.manifests.layout;

import dev.driftless.manifests.Utf8;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A repository tree held in memory, path to content: what a local folder is read into, and what
 * tests render without a git repository. Content is kept as bytes, so that a binary file (an
 * {@code *.age} secret) survives; {@link #readText} decodes it as strict UTF-8.
 */
public final class InMemoryRepoTree implements RepoTree {

  private final Map<String, byte[]> files;

  private InMemoryRepoTree(Map<String, byte[]> files) {
    this.files = new TreeMap<>();
    files.forEach((path, content) -> this.files.put(path, content.clone()));
  }

  /** A tree of these text files, by repo-relative path. */
  public static InMemoryRepoTree of(Map<String, String> files) {
    Map<String, byte[]> bytes = new TreeMap<>();
    files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
    return new InMemoryRepoTree(bytes);
  }

  /** A tree of these files, by repo-relative path, whatever their content. */
  public static InMemoryRepoTree ofBytes(Map<String, byte[]> files) {
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
    return of(files);
  }

  @Override
  public List<String> paths() {
    return List.copyOf(files.keySet());
  }

  /**
   * {@inheritDoc}
   *
   * @throws UncheckedIOException when the file is not valid UTF-8
   */
  @Override
  public Optional<String> readText(String path) {
    byte[] content = files.get(path);
    if (content == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Utf8.decode(content));
    } catch (CharacterCodingException e) {
      throw new UncheckedIOException("'" + path + "' is not valid UTF-8 text", e);
    }
  }

  @Override
  public Optional<byte[]> readBytes(String path) {
    return Optional.ofNullable(files.get(path)).map(byte[]::clone);
  }
}
