package dev.driftless.manifests.compose;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.SourcePosition;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The mutable list of problems found in one file while it is read, so that reading goes on after
 * the first problem and the user sees them all at once. SnakeYAML's 0-based marks become 1-based
 * lines and columns here, and nowhere else.
 */
public final class ProblemCollector {

  private static final Comparator<ManifestProblem> BY_POSITION =
      Comparator.comparing(ManifestProblem::file)
          .thenComparingInt(ManifestProblem::line)
          .thenComparingInt(ManifestProblem::column);

  private final String file;
  // A set, because a mapping reached through several aliases is read once per alias.
  private final Set<ManifestProblem> problems = new LinkedHashSet<>();
  private final Set<ManifestProblem> warnings = new LinkedHashSet<>();

  public ProblemCollector(String file) {
    this.file = file;
  }

  /** A problem at the start of {@code node}. */
  public void at(Node node, String message) {
    at(node.getStartMark(), message);
  }

  /** A problem at {@code mark}, or with no position when SnakeYAML gave none. */
  public void at(Mark mark, String message) {
    problems.add(problem(mark, message));
  }

  /** A warning at the start of {@code node}: worth telling, but the file still reads. */
  public void warnAt(Node node, String message) {
    warnings.add(problem(node.getStartMark(), message));
  }

  /** Where {@code node} starts, in the file its mark names. */
  public SourcePosition position(Node node) {
    ManifestProblem at = problem(node.getStartMark(), "");
    return new SourcePosition(at.file(), at.line(), at.column());
  }

  /** The file this collector reports for when a mark does not name its own. */
  public String file() {
    return file;
  }

  /**
   * The problem at {@code mark}, in the file the mark names (see {@link SafeYaml}: after a merge
   * of several files a node keeps the file it was written in), else in this collector's file.
   */
  private ManifestProblem problem(Mark mark, String message) {
    if (mark == null) {
      return ManifestProblem.inFile(file, message);
    }
    String name = mark.getName();
    String where = name != null && name.startsWith(SafeYaml.FILE_MARK_PREFIX)
        ? name.substring(SafeYaml.FILE_MARK_PREFIX.length())
        : file;
    if (mark.getLine() < 0) {
      return ManifestProblem.inFile(where, message);
    }
    return new ManifestProblem(where, mark.getLine() + 1, mark.getColumn() + 1, message);
  }

  /** A problem found in another file (an env file), kept as it is. */
  void add(ManifestProblem problem) {
    problems.add(problem);
  }

  /** A warning found in another file (an env file), kept as it is. */
  void warn(ManifestProblem warning) {
    warnings.add(warning);
  }

  /** The warnings so far, sorted by position. */
  public List<ManifestProblem> warnings() {
    return warnings.stream().sorted(BY_POSITION).toList();
  }

  /** A problem at the very start of the file, for a file that has no node to point at. */
  public void atStart(String message) {
    problems.add(new ManifestProblem(file, 1, 1, message));
  }

  /** How many problems so far: a reader compares counts to know whether a part was clean. */
  public int count() {
    return problems.size();
  }

  /** Throws once, with every problem, sorted by position, if there is any. */
  public void throwIfAny() throws ManifestException {
    if (!problems.isEmpty()) {
      throw new ManifestException(sorted());
    }
  }

  /** The problems so far, sorted by file and position. */
  public List<ManifestProblem> problems() {
    return sorted();
  }

  private List<ManifestProblem> sorted() {
    return problems.stream().sorted(BY_POSITION).toList();
  }
}
