package dev.driftless.manifests.layout;

import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.SourcePosition;
import dev.driftless.manifests.config.TargetConfig;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.PortBinding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds services that publish the same host port on the same engine, within one app or across
 * apps: the engine would start the first and refuse the second, half-way through a rollout, so
 * the clash is reported before anything is deployed, at each service's {@code ports}.
 *
 * <p>Two bindings clash when they share the target, the protocol and the host port, and their
 * host addresses overlap: equal, or one of them every interface ({@code ""}, {@code 0.0.0.0} or
 * {@code ::}). Ephemeral ports (host port 0) never clash.
 */
final class PortConflicts {

  /** One rendered app, with where its services' ports were written. */
  record Rendered(DesiredApp app, AppPlacement placement, Map<String, SourcePosition> ports) {}

  private record Claim(String app, String service, PortBinding binding, SourcePosition at) {}

  private PortConflicts() {}

  /** The problems of each app with a clashing port, by app name. */
  static Map<String, List<ManifestProblem>> find(List<Rendered> apps) {
    Map<String, List<Claim>> byPort = new TreeMap<>();
    for (Rendered rendered : apps) {
      for (TargetConfig target : rendered.placement().targets()) {
        for (DesiredService service : rendered.app().services()) {
          SourcePosition at = rendered.ports().getOrDefault(service.name(),
              new SourcePosition("", 0, 0));
          for (PortBinding binding : service.ports()) {
            if (binding.hostPort() > 0) {
              byPort.computeIfAbsent(target.name() + "/" + binding.protocol() + "/"
                  + binding.hostPort(), key -> new ArrayList<>())
                  .add(new Claim(rendered.app().name(), service.name(), binding, at));
            }
          }
        }
      }
    }
    Map<String, Set<ManifestProblem>> problems = new TreeMap<>();
    byPort.forEach((key, claims) -> {
      String target = key.substring(0, key.indexOf('/'));
      for (Claim claim : claims) {
        for (Claim other : claims) {
          if (other != claim && overlap(claim, other)
              && !(other.app().equals(claim.app()) && other.service().equals(claim.service()))) {
            problems.computeIfAbsent(claim.app(), app -> new LinkedHashSet<>())
                .add(claim.at().problem("service '" + claim.service() + "' publishes host port "
                    + describe(claim.binding()) + " on target '" + target + "', as service '"
                    + other.service() + "'" + (other.app().equals(claim.app()) ? ""
                        : " of app '" + other.app() + "'")
                    + (other.at().file().isEmpty() ? "" : " (" + other.at() + ")")
                    + " does: two containers cannot listen on one host port"));
          }
        }
      }
    });
    Map<String, List<ManifestProblem>> byApp = new TreeMap<>();
    problems.forEach((app, found) -> byApp.put(app, List.copyOf(found)));
    return byApp;
  }

  private static boolean overlap(Claim a, Claim b) {
    String first = a.binding().hostIp();
    String second = b.binding().hostIp();
    return first.equals(second) || isEvery(first) || isEvery(second);
  }

  private static boolean isEvery(String ip) {
    return ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::");
  }

  private static String describe(PortBinding binding) {
    String ip = binding.hostIp().isEmpty() ? "" : (binding.hostIp().contains(":")
        ? "[" + binding.hostIp() + "]:" : binding.hostIp() + ":");
    return ip + binding.hostPort() + "/" + binding.protocol();
  }
}
