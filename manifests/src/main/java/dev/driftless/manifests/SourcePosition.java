package dev.driftless.manifests;

import java.util.Objects;

/**
 * Where something was written in a manifest, kept past reading for checks that span several
 * services or apps (two services publishing one host port), so that their problems still point
 * at the text.
 *
 * @param file the repo-relative file
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record SourcePosition(String file, int line, int column) {

  public SourcePosition {
    Objects.requireNonNull(file, "file");
  }

  /** A problem at this position. */
  public ManifestProblem problem(String message) {
    return new ManifestProblem(file, line, line == 0 ? 0 : column, message);
  }

  /** {@code file:line:column}, as a problem message refers to another place. */
  @Override
  public String toString() {
    return line == 0 ? file : file + ":" + line + ":" + column;
  }
}
