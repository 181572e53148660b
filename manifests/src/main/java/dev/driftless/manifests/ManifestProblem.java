package dev.driftless.manifests;

import java.util.Objects;

/**
 * One thing wrong with a manifest, located the way a compiler locates an error, so that an editor,
 * a CI log or the {@code validate} command can point the user at the exact spot.
 *
 * <p>Problems are values: a reader gathers every problem of a file before failing, so the user
 * fixes them in one pass instead of one per commit.
 *
 * @param file the file as the user knows it: a repo-relative path with {@code /} separators
 * @param line 1-based line, or 0 when the problem has no position (a whole-file problem)
 * @param column 1-based column, or 0 when unknown; always 0 when {@code line} is 0
 * @param message what is wrong and, where it helps, how to fix it
 */
public record ManifestProblem(String file, int line, int column, String message) {

  public ManifestProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column are 1-based, or 0 when unknown");
    }
    if (line == 0 && column != 0) {
      throw new IllegalArgumentException("a column needs a line");
    }
  }

  /** A problem with the file as a whole, such as a name clash between two folders. */
  public static ManifestProblem inFile(String file, String message) {
    return new ManifestProblem(file, 0, 0, message);
  }

  /** {@code file:line:column: message}, leaving out what is unknown, as compilers print it. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
      if (column > 0) {
        out.append(':').append(column);
      }
    }
    return out.append(": ").append(message).toString();
  }
}
