package dev.driftless.manifests.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A file or folder of the repository at one revision, with its content, so that the rendered
 * model is self-contained: the reconciler copies it onto the host (see the docs on bind mounts)
 * and the spec hash changes exactly when the content does.
 *
 * @param path the repo-relative path ({@code /}-separated, no leading {@code /})
 * @param directory whether it is a folder (then {@code files} are relative to it)
 * @param files the files: for a file, one entry with path {@code ""}; sorted by path
 * @param access the owner and mode to give the copies (secrets' and configs' uid, gid, mode)
 */
public record RepoFiles(String path, boolean directory, List<File> files, FileAccess access) {

  public RepoFiles {
    Objects.requireNonNull(path, "path");
    files = files.stream().sorted(java.util.Comparator.comparing(File::path)).toList();
    Objects.requireNonNull(access, "access");
    if (!directory && (files.size() != 1 || !files.get(0).path().isEmpty())) {
      throw new IllegalArgumentException("a repo file has exactly one entry, with path \"\"");
    }
  }

  /** The file name a copy is given: the last segment of {@link #path}. */
  public String baseName() {
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.isEmpty() ? "repo" : trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  /**
   * The SHA-256 of the paths, contents and access, 64 hex characters: names the copy on the host
   * and stands for the content in the spec hash.
   */
  public String digest() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      update(digest, directory ? "dir" : "file");
      update(digest, access.uid());
      update(digest, access.gid());
      update(digest, Integer.toString(access.mode()));
      for (File file : files) {
        update(digest, file.path());
        digest.update((file.content.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(file.content);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  private static void update(MessageDigest digest, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
    digest.update(bytes);
  }

  /** Path, entry count and digest; never the content, which may be a secret. */
  @Override
  public String toString() {
    return "RepoFiles[" + path + (directory ? "/ (" + files.size() + " files)" : "") + ", access="
        + access + "]";
  }

  /**
   * One file's bytes.
   *
   * @param path relative to the bound folder, {@code ""} when a single file is bound
   */
  public record File(String path, byte[] content) {

    public File {
      Objects.requireNonNull(path, "path");
      content = content.clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }

    /** The number of bytes. */
    public int size() {
      return content.length;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof File that && path.equals(that.path)
          && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
      return 31 * path.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
      return "File[" + path + ", " + content.length + " bytes]";
    }
  }

  /**
   * Who owns the copies and with which mode.
   *
   * @param uid numeric owner, {@code ""} to leave it to Driftless's own user
   * @param gid numeric group, {@code ""} likewise
   * @param mode permission bits of the files, or -1 for the default ({@code 0644}; folders are
   *     always {@code 0755})
   */
  public record FileAccess(String uid, String gid, int mode) {

    public static final FileAccess DEFAULT = new FileAccess("", "", -1);

    public FileAccess {
      Objects.requireNonNull(uid, "uid");
      Objects.requireNonNull(gid, "gid");
      if (!uid.matches("[0-9]*") || !gid.matches("[0-9]*") || mode < -1 || mode > 07777) {
        throw new IllegalArgumentException("uid and gid are numbers; mode is 0-07777");
      }
    }
  }
}
