package dev.driftless.manifests.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The mutable list of {@link HostAccess}es found while one app's files are read, fed by the
 * readers of the keys concerned.
 */
final class HostAccesses {

  private final ProblemCollector problems;
  private final List<HostAccess> found = new ArrayList<>();

  HostAccesses(ProblemCollector problems) {
    this.problems = problems;
  }

  /** {@code service} asks for {@code kind} at {@code node} (no host path). */
  void add(String service, HostAccess.Kind kind, String field, Node node) {
    found.add(new HostAccess(service, kind, "", field, problems.position(node)));
  }

  /** {@code service} binds host path {@code hostPath} at {@code node}. */
  void bind(String service, String hostPath, String field, Node node) {
    found.add(new HostAccess(service, HostAccess.Kind.BIND_MOUNT, hostPath, field,
        problems.position(node)));
  }

  /** What the services in {@code deployed} ask for, in the order read, without repeats. */
  List<HostAccess> of(Set<String> deployed) {
    return found.stream().filter(access -> deployed.contains(access.service())).distinct()
        .toList();
  }
}
