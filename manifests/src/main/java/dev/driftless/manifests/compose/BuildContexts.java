package dev.driftless.manifests.compose;

import java.util.Optional;

/**
 * What the Compose reader may know of the revision's files, to check that a build context and
 * its Dockerfile exist and to fingerprint the context. The layout module implements it over the
 * revision's tree; {@link #NONE} knows no file, so a {@code build:} read without a tree fails.
 */
public interface BuildContexts {

  /** A revision with no file at all. */
  BuildContexts NONE = new BuildContexts() {
    @Override
    public Optional<String> digest(String folder) {
      return Optional.empty();
    }

    @Override
    public boolean isFile(String path) {
      return false;
    }
  };

  /**
   * The fingerprint of every file under {@code folder} (repo-relative, "" for the root): empty
   * when the revision has no file there.
   */
  Optional<String> digest(String folder);

  /** Whether the revision has a regular file at {@code path} (repo-relative). */
  boolean isFile(String path);
}
