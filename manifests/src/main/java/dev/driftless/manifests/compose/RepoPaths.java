package dev.driftless.manifests.compose;

import dev.driftless.manifests.model.BindSource;
import dev.driftless.manifests.model.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Resolves the source of a bind mount, a secret or a config as Compose does: an absolute path is
 * the host's; a path starting with {@code .} is relative to the app's folder and, for Driftless,
 * must be a file or folder committed to the repository (its content becomes part of the model and
 * is copied to the host by the reconciler). {@code ~} is refused: the daemon's home folder is not
 * the user's, and the same commit must mean the same on every host.
 */
final class RepoPaths {

  /** Bound content is configuration, not data: beyond these a folder is refused. */
  static final long MAX_BYTES = 32L * 1024 * 1024;
  static final int MAX_FILES = 2000;

  private final FieldReader fields;
  private final ProjectFiles files;

  RepoPaths(FieldReader fields, ProjectFiles files) {
    this.fields = fields;
    this.files = files;
  }

  /**
   * The source written as {@code raw} at {@code node}, or empty with a problem.
   *
   * @param secretLike a secret's or config's file: refused when it is encrypted, since mounting
   *     it would need its plaintext on disk
   */
  Optional<BindSource> source(String raw, Node node, String path, boolean secretLike) {
    if (raw.startsWith("~")) {
      fields.problems().at(node, path + ": '" + raw + "' starts with '~': Driftless does not "
          + "expand it (the daemon's home folder is not yours); write an absolute host path, or "
          + "a path relative to the app's folder for a file in the repository");
      return Optional.empty();
    }
    if (raw.startsWith("/")) {
      return Optional.of(new BindSource.HostPath(normaliseAbsolute(raw)));
    }
    String joined = files.directory().isEmpty() ? raw : files.directory() + "/" + raw;
    Optional<String> resolved = normalise(joined);
    if (resolved.isEmpty()) {
      fields.problems().at(node, path + ": '" + raw + "' points outside the repository");
      return Optional.empty();
    }
    return repoFiles(resolved.get(), raw, node, path, secretLike).map(BindSource.Repo::new);
  }

  private Optional<RepoFiles> repoFiles(
      String resolved, String raw, Node node, String path, boolean secretLike) {
    if (files.paths().contains(resolved)) {
      Optional<byte[]> content = files.reader().apply(resolved);
      if (content.isEmpty()) {
        fields.problems().at(node, path + ": '" + resolved + "' cannot be read");
        return Optional.empty();
      }
      if (secretLike && encrypted(content.get())) {
        fields.problems().at(node, path + ": '" + resolved + "' is encrypted; Driftless never "
            + "writes a decrypted secret to disk, so it cannot bind-mount it; pass the value "
            + "through an encrypted env_file instead");
        return Optional.empty();
      }
      return Optional.of(new RepoFiles(resolved, false,
          List.of(new RepoFiles.File("", content.get())), RepoFiles.FileAccess.DEFAULT));
    }
    String prefix = resolved.isEmpty() ? "" : resolved + "/";
    List<String> inside = files.paths().stream().filter(p -> p.startsWith(prefix)).toList();
    if (inside.isEmpty()) {
      fields.problems().at(node, path + ": '" + raw + "' is not a file or folder of the "
          + "repository (resolved from the app's folder to '" + resolved + "'). Driftless binds "
          + "relative paths from the commit it deploys; for data a container writes, use a "
          + "named volume, or an absolute host path");
      return Optional.empty();
    }
    if (inside.size() > MAX_FILES) {
      fields.problems().at(node, path + ": '" + resolved + "' holds " + inside.size()
          + " files, more than the " + MAX_FILES + " a bound folder may hold");
      return Optional.empty();
    }
    List<RepoFiles.File> entries = new ArrayList<>();
    long total = 0;
    for (String file : inside) {
      Optional<byte[]> content = files.reader().apply(file);
      if (content.isEmpty()) {
        continue;
      }
      if (secretLike && encrypted(content.get())) {
        fields.problems().at(node, path + ": '" + file + "' is encrypted; Driftless never writes "
            + "a decrypted secret to disk, so it cannot bind-mount it");
        return Optional.empty();
      }
      total += content.get().length;
      if (total > MAX_BYTES) {
        fields.problems().at(node, path + ": '" + resolved + "' holds more than "
            + (MAX_BYTES >> 20) + " MiB; a bound folder is for configuration, not data");
        return Optional.empty();
      }
      entries.add(new RepoFiles.File(file.substring(prefix.length()), content.get()));
    }
    return Optional.of(new RepoFiles(resolved, true, entries, RepoFiles.FileAccess.DEFAULT));
  }

  /** age (binary or armored) and SOPS documents. */
  static boolean encrypted(byte[] content) {
    String head = new String(content, 0, Math.min(content.length, 64), StandardCharsets.UTF_8);
    if (head.startsWith("age-encryption.org/") || head.startsWith("-----BEGIN AGE ENCRYPTED")) {
      return true;
    }
    String text = new String(content, StandardCharsets.UTF_8);
    return text.contains("ENC[AES256_GCM,") && text.contains("sops");
  }

  /**
   * An absolute host path as the kernel resolves it, without following links: {@code .}, empty
   * segments and {@code ..} folded, a {@code ..} at the root staying at the root
   * ({@code /srv/../etc} and {@code /../etc} are {@code /etc}), so that a policy sees the path
   * actually bound.
   */
  static String normaliseAbsolute(String path) {
    Deque<String> kept = new ArrayDeque<>();
    for (String segment : path.split("/")) {
      if (segment.equals("..")) {
        kept.pollLast();
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        kept.addLast(segment);
      }
    }
    return "/" + String.join("/", kept);
  }

  /** The path with {@code .}, {@code ..} and empty segments folded; empty when it climbs out. */
  static Optional<String> normalise(String path) {
    Deque<String> kept = new ArrayDeque<>();
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (kept.isEmpty()) {
          return Optional.empty();
        }
        kept.removeLast();
      } else {
        kept.addLast(segment);
      }
    }
    return Optional.of(String.join("/", kept));
  }
}
