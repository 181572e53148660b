package dev.driftless.manifests.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a service's image is built from the repository: Compose's {@code build:} key, resolved
 * against the revision it was read from.
 *
 * <p>The context is a folder of the repository, never of the host: Driftless builds from the
 * commit it deploys, not from whatever a disk holds. {@code contextDigest} fingerprints every file
 * in that folder at the revision (paths, modes and git's content ids), so that the spec hash
 * changes exactly when a file the build can see changes, and not when a file elsewhere does.
 *
 * @param context the context folder, repo-relative, {@code /}-separated, "" for the repo root
 * @param dockerfile the Dockerfile's path relative to the context; "" when {@code dockerfileInline}
 *     is used instead
 * @param dockerfileInline the Dockerfile's text when given inline ({@code dockerfile_inline})
 * @param args build arguments, sorted by name
 * @param target the stage to build, "" for the last one
 * @param labels labels put on the image, sorted by key
 * @param network the network the build's {@code RUN} steps use, "" for the engine's default
 * @param shmSize the size of {@code /dev/shm} during the build in bytes, 0 for the default
 * @param extraHosts {@code host:ip} entries added to the build's {@code /etc/hosts}
 * @param cacheFrom images whose layers the build may reuse
 * @param contextDigest the fingerprint of the context's files at the revision (hex)
 */
public record BuildSpec(
    String context,
    String dockerfile,
    Optional<String> dockerfileInline,
    Map<String, String> args,
    String target,
    Map<String, String> labels,
    String network,
    long shmSize,
    List<String> extraHosts,
    List<String> cacheFrom,
    String contextDigest) {

  /** The Dockerfile Compose uses when none is named. */
  public static final String DEFAULT_DOCKERFILE = "Dockerfile";

  public BuildSpec {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(dockerfile, "dockerfile");
    Objects.requireNonNull(dockerfileInline, "dockerfileInline");
    if (dockerfile.isEmpty() == dockerfileInline.isEmpty()) {
      throw new IllegalArgumentException("a build has either a dockerfile or an inline one");
    }
    args = sortedCopy(args, "args");
    Objects.requireNonNull(target, "target");
    labels = sortedCopy(labels, "labels");
    Objects.requireNonNull(network, "network");
    if (shmSize < 0) {
      throw new IllegalArgumentException("shmSize must not be negative: " + shmSize);
    }
    extraHosts = List.copyOf(extraHosts);
    cacheFrom = List.copyOf(cacheFrom);
    Objects.requireNonNull(contextDigest, "contextDigest");
  }

  /** A build of {@code context} with its {@code Dockerfile} and nothing else set. */
  public static BuildSpec of(String context, String contextDigest) {
    return new BuildSpec(context, DEFAULT_DOCKERFILE, Optional.empty(), Map.of(), "", Map.of(),
        "", 0, List.of(), List.of(), contextDigest);
  }

  /** The context as a user reads it: {@code .} for the repo root. */
  public String contextForDisplay() {
    return context.isEmpty() ? "." : context;
  }

  /**
   * Every field but the build arguments' values, which may carry a token and must never reach a
   * log (only their names are shown).
   */
  @Override
  public String toString() {
    return "BuildSpec[context=" + contextForDisplay() + ", dockerfile="
        + (dockerfileInline.isPresent() ? "(inline)" : dockerfile) + ", args=" + args.keySet()
        + " (values hidden), target=" + target + ", labels=" + labels + ", network=" + network
        + ", shmSize=" + shmSize + ", extraHosts=" + extraHosts + ", cacheFrom=" + cacheFrom
        + ", contextDigest=" + contextDigest + "]";
  }

  /** The Dockerfile's repo-relative path, or empty when it is inline. */
  public Optional<String> dockerfilePath() {
    if (dockerfile.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(context.isEmpty() ? dockerfile : context + "/" + dockerfile);
  }

  private static SortedMap<String, String> sortedCopy(Map<String, String> map, String what) {
    Objects.requireNonNull(map, what);
    TreeMap<String, String> copy = new TreeMap<>();
    map.forEach((key, value) -> copy.put(Objects.requireNonNull(key, what + " key"),
        Objects.requireNonNull(value, what + " value of " + key)));
    return Collections.unmodifiableSortedMap(copy);
  }
}
