package dev.driftless.manifests.compose;

import dev.driftless.manifests.ManifestException;
import java.util.Optional;

/**
 * Where a Compose file's {@code env_file:} entries are read from, and how a secret value enters
 * the spec hash. The renderer gives one backed by the repository's tree and the caller's keys, so
 * the Compose reader itself stays free of files and keys.
 */
public interface EnvFiles {

  /** Reads nothing: every env file is missing, and no value is secret. */
  EnvFiles NONE = new EnvFiles() {
    @Override
    public Optional<EnvValues> load(String path) {
      return Optional.empty();
    }

    @Override
    public String resolve(String path) {
      return path;
    }

    @Override
    public String secretDigest(String value) {
      throw new IllegalStateException("no secret can be read without env files");
    }
  };

  /**
   * The env file at {@code path}, as written in the Compose file (relative to the app's folder).
   *
   * @return empty when there is no such file
   * @throws ManifestException when the path leaves the repository, or the file exists but cannot
   *     be read, decrypted or parsed; each problem names the env file
   */
  Optional<EnvValues> load(String path) throws ManifestException;

  /** The repo-relative path an {@code env_file:} entry names, for messages. */
  String resolve(String path);

  /** The keyed digest of a secret value (see {@code DecryptionKeys#digest}). */
  String secretDigest(String value);
}
