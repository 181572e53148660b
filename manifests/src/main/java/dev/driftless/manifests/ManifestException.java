package dev.driftless.manifests;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one exception of the manifests module: the desired state could not be rendered.
 *
 * <p>It carries every problem found, not just the first, so that callers can report them all
 * (with file, line and column) and decide per app what to do; low-level errors such as SnakeYAML's
 * are translated into {@link ManifestProblem}s before they reach this type, and never leak.
 */
public final class ManifestException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<ManifestProblem> problems;

  /**
   * @param problems what is wrong; at least one
   */
  public ManifestException(List<ManifestProblem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  public ManifestException(ManifestProblem problem) {
    this(List.of(problem));
  }

  /** The problems, in the order a reader should fix them (by file position). */
  public List<ManifestProblem> problems() {
    return problems;
  }

  private static String describe(List<ManifestProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ManifestException needs at least one problem");
    }
    return problems.stream().map(ManifestProblem::toString).collect(Collectors.joining("\n"));
  }
}
