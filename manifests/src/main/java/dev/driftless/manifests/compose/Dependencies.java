package dev.driftless.manifests.compose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code depends_on} graph of one file (with the dependencies that {@code network_mode},
 * {@code pid} and {@code ipc} {@code service:NAME} imply), collected while its services are read,
 * then checked as a whole: every dependency must name a service of the file that is deployed, and
 * no service may depend on itself through others. Problems point at the entry concerned.
 */
final class Dependencies {

  /**
   * One dependency.
   *
   * @param sharesNamespace whether {@code from} joins a namespace of {@code to}'s container
   *     ({@code service:NAME}) rather than only waiting for it
   */
  private record Edge(String from, String to, Node node, boolean required, String field,
      boolean sharesNamespace) {}

  private final ProblemCollector problems;
  private final Profiles profiles;
  private final List<Edge> edges = new ArrayList<>();
  private final Map<String, List<String>> services = new LinkedHashMap<>();
  private final Set<String> namedContainers = new HashSet<>();

  Dependencies(ProblemCollector problems, Profiles profiles) {
    this.problems = problems;
    this.profiles = profiles;
  }

  /**
   * A service of the file, with the profiles it is in (empty: always deployed) and whether it
   * names its container itself ({@code container_name}).
   */
  void service(String name, List<String> profiles, boolean namedContainer) {
    services.put(name, profiles);
    if (namedContainer) {
      namedContainers.add(name);
    }
  }

  /**
   * {@code from} depends on {@code to}, written at {@code node} in {@code field}
   * ({@code services.web.depends_on}, or {@code services.web.pid} for {@code pid: service:db}).
   */
  void declare(String from, String to, Node node, boolean required, String field) {
    edges.add(new Edge(from, to, node, required, field, false));
  }

  /**
   * {@code from} joins a namespace of {@code to}'s container ({@code network_mode}, {@code pid}
   * or {@code ipc} set to {@code service:NAME}), written at {@code node} in {@code field}: a
   * required dependency, on a service that does not rename its container.
   */
  void sharesNamespace(String from, String to, Node node, String field) {
    edges.add(new Edge(from, to, node, true, field, true));
  }

  /** Reports unknown and inactive dependencies, and each cycle once. */
  void check() {
    Map<String, List<Edge>> bySource = new HashMap<>();
    for (Edge edge : edges) {
      String at = edge.field();
      List<String> profiles = services.get(edge.to());
      if (profiles == null) {
        String message = at + " names service '" + edge.to() + "', which the file does not "
            + "declare" + suggestion(edge.to());
        if (edge.required()) {
          problems.at(edge.node(), message);
        } else {
          problems.warnAt(edge.node(), message + "; it is not required, so it is left out");
        }
      } else if (!this.profiles.isDeployed(profiles)
          && this.profiles.isDeployed(services.getOrDefault(edge.from(), List.of()))) {
        problems.at(edge.node(), at + " names service '" + edge.to() + "', which is only in "
            + "profiles " + profiles + ", none of them active, and so is not deployed");
      } else {
        if (edge.sharesNamespace() && namedContainers.contains(edge.to())) {
          // The engine resolves service:NAME as NAME's default container name, <app>-NAME-1.
          problems.at(edge.node(), at + ": service '" + edge.to() + "' sets container_name, "
              + "which service:NAME cannot follow yet; write container:<its container_name>");
        }
        bySource.computeIfAbsent(edge.from(), key -> new ArrayList<>()).add(edge);
      }
    }
    Map<String, Integer> state = new HashMap<>();
    for (String service : services.keySet()) {
      visit(service, bySource, state, new ArrayList<>());
    }
  }

  /** Depth-first; state 1 = on the current path, 2 = done. */
  private void visit(String service, Map<String, List<Edge>> bySource, Map<String, Integer> state,
      List<String> path) {
    Integer seen = state.get(service);
    if (seen != null) {
      return;
    }
    state.put(service, 1);
    path.add(service);
    for (Edge edge : bySource.getOrDefault(service, List.of())) {
      if (Integer.valueOf(1).equals(state.get(edge.to()))) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(edge.to()), path.size()));
        cycle.add(edge.to());
        problems.at(edge.node(), edge.field() + " closes a dependency cycle: "
            + String.join(" -> ", cycle));
      } else {
        visit(edge.to(), bySource, state, path);
      }
    }
    path.remove(path.size() - 1);
    state.put(service, 2);
  }

  private String suggestion(String unknown) {
    Optional<String> closest = services.keySet().stream()
        .filter(name -> distance(name, unknown) <= Math.max(1, unknown.length() / 3))
        .min((a, b) -> Integer.compare(distance(a, unknown), distance(b, unknown)));
    return closest.map(name -> " (did you mean '" + name + "'?)").orElse("");
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] current = new int[b.length() + 1];
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1),
            previous[j - 1] + cost);
      }
      previous = current;
    }
    return previous[b.length()];
  }
}
