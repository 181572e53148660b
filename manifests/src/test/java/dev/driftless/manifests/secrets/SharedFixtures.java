package dev.driftless.manifests.secrets;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The third-party fixtures in {@code ../shared/fixtures} (SOPS documents and the age test
 * vectors), read where they are and never copied into the project. A user's own clone may not
 * have them: tests that need them are then skipped with a message, except under CI, where their
 * absence is a failure.
 */
public final class SharedFixtures {

  private SharedFixtures() {}

  /**
   * The fixtures folder, or a skipped (outside CI) or failed (in CI) test. The system property
   * {@code driftless.fixtures} points elsewhere when they are not beside the repository.
   */
  public static Path root() {
    Path moduleDir = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")));
    String override = System.getProperty("driftless.fixtures");
    Path root = override != null ? Paths.get(override)
        : moduleDir.resolve("../../shared/fixtures").normalize();
    if (!Files.isDirectory(root)) {
      requireUnderCi("the shared fixtures are not at " + root
          + " (they sit next to the repository, in ../shared/fixtures)");
    }
    return root;
  }

  public static Path path(String relative) {
    return root().resolve(relative);
  }

  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String relative) {
    return new String(bytes(relative), StandardCharsets.UTF_8);
  }

  /** Skips the test with {@code why} outside CI; fails it under CI ({@code CI=true}). */
  public static void requireUnderCi(String why) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(why + "; CI=true, so this is a failure, not a skip");
    }
    assumeTrue(false, why + "; skipped because CI is not set");
  }
}
