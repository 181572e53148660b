package dev.driftless.manifests.layout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Git's id of a file's content, computed as git does ({@code git hash-object}), for trees that
 * are not read from git: the same file then has the same id whichever way it was read.
 */
public final class GitBlobId {

  private GitBlobId() {}

  /** The id of {@code content}. */
  public static String of(byte[] content) {
    MessageDigest sha1 = header(content.length);
    return HexFormat.of().formatHex(sha1.digest(content));
  }

  /** The id of the {@code size} bytes {@code in} holds, read without keeping them. */
  public static String of(long size, InputStream in) throws IOException {
    MessageDigest sha1 = header(size);
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int read;
    while ((read = in.read(buffer)) > 0) {
      sha1.update(buffer, 0, read);
      total += read;
    }
    if (total != size) {
      throw new IOException("expected " + size + " bytes, read " + total + " (the file changed)");
    }
    return HexFormat.of().formatHex(sha1.digest());
  }

  private static MessageDigest header(long size) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
      return sha1;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-1", e);
    }
  }
}
