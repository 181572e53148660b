package dev.driftless.manifests.compose;

import dev.driftless.manifests.model.RestartPolicy;
import dev.driftless.manifests.model.UpdateConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code deploy:} as Compose does on a single engine: {@code replicas},
 * {@code restart_policy} (condition {@code any} is {@code always}, {@code none} is {@code no};
 * {@code max_attempts} is the retry count), {@code resources.limits} and
 * {@code resources.reservations} ({@code cpus}, {@code memory}, {@code pids}) and
 * {@code update_config}. What only a Swarm can honour ({@code placement}, {@code labels},
 * {@code rollback_config}, {@code endpoint_mode}, {@code mode: global}) is refused rather than
 * ignored.
 */
final class DeployReader {

  private static final Map<String, String> CONDITIONS =
      Map.of("any", "always", "none", "no", "on-failure", "on-failure");

  /** What the deploy section says; each absent when not written. */
  static final class Deploy {
    Optional<Long> replicas = Optional.empty();
    Node replicasNode;
    Optional<RestartPolicy> restart = Optional.empty();
    Optional<Long> cpusLimit = Optional.empty();
    Node cpusLimitNode;
    Optional<Long> memoryLimit = Optional.empty();
    Node memoryLimitNode;
    Optional<Long> memoryReservation = Optional.empty();
    Node memoryReservationNode;
    Optional<Long> pidsLimit = Optional.empty();
    Node pidsLimitNode;
    Optional<UpdateConfig> updateConfig = Optional.empty();
  }

  private final FieldReader fields;

  DeployReader(FieldReader fields) {
    this.fields = fields;
  }

  Deploy read(Node node, String path) {
    Deploy deploy = new Deploy();
    if (FieldReader.isNull(node)) {
      return deploy;
    }
    for (YamlMapping.Entry entry : fields.mapping(node, path).orElse(List.of())) {
      String at = path + "." + entry.key();
      Node value = entry.value();
      switch (entry.key()) {
        case "replicas" -> {
          deploy.replicas = fields.integer(value, at, 0, Integer.MAX_VALUE);
          deploy.replicasNode = value;
        }
        case "mode" -> fields.literal(value, at, "replicated").ifPresent(mode -> {
          if (!mode.equals("replicated")) {
            fields.problems().at(value, at + " '" + mode + "' is not supported: on a single "
                + "engine only 'replicated' has a meaning");
          }
        });
        case "restart_policy" -> deploy.restart = restartPolicy(value, at);
        case "resources" -> resources(value, at, deploy);
        case "update_config" -> deploy.updateConfig = updateConfig(value, at);
        default -> refuse(entry, path, "deploy takes replicas, mode, restart_policy, resources "
            + "and update_config here; placement, labels, rollback_config and endpoint_mode "
            + "only have a meaning in a Swarm");
      }
    }
    return deploy;
  }

  private Optional<RestartPolicy> restartPolicy(Node node, String path) {
    String condition = "any";
    long attempts = 0;
    int before = fields.problems().count();
    for (YamlMapping.Entry entry : fields.mapping(node, path).orElse(List.of())) {
      String at = path + "." + entry.key();
      switch (entry.key()) {
        case "condition" -> condition = fields.literal(entry.value(), at, "a condition")
            .filter(value -> {
              if (CONDITIONS.containsKey(value)) {
                return true;
              }
              fields.problems().at(entry.value(), at + " must be none, on-failure or any, found '"
                  + value + "'");
              return false;
            })
            .orElse(condition);
        case "max_attempts" -> attempts =
            fields.integer(entry.value(), at, 0, Integer.MAX_VALUE).orElse(0L);
        case "delay", "window" -> {
          Durations.nonNegative(fields, entry.value(), at);
          fields.problems().warnAt(entry.keyNode(), at + " has no effect: the engine restarts a "
              + "container at once, as with docker compose");
        }
        default -> refuse(entry, path,
            "restart_policy takes condition, max_attempts, delay and window");
      }
    }
    if (fields.problems().count() > before) {
      return Optional.empty();
    }
    String name = CONDITIONS.get(condition);
    return Optional.of(new RestartPolicy(name, name.equals("on-failure") ? (int) attempts : 0));
  }

  private void resources(Node node, String path, Deploy deploy) {
    for (YamlMapping.Entry entry : fields.mapping(node, path).orElse(List.of())) {
      String at = path + "." + entry.key();
      switch (entry.key()) {
        case "limits" -> limits(entry.value(), at, deploy, true);
        case "reservations" -> limits(entry.value(), at, deploy, false);
        default -> refuse(entry, path, "resources takes limits and reservations");
      }
    }
  }

  private void limits(Node node, String path, Deploy deploy, boolean limits) {
    for (YamlMapping.Entry entry : fields.mapping(node, path).orElse(List.of())) {
      String at = path + "." + entry.key();
      Node value = entry.value();
      switch (entry.key()) {
        case "cpus" -> {
          Optional<Long> nanoCpus = Cpus.read(fields, value, at);
          if (limits) {
            deploy.cpusLimit = nanoCpus;
            deploy.cpusLimitNode = value;
          } else {
            fields.problems().warnAt(entry.keyNode(), at + " has no effect: a single engine "
                + "reserves no CPU (docker compose ignores it too)");
          }
        }
        case "memory" -> {
          Optional<Long> bytes = fields.parsed(value, at, "a size such as 512m",
              ByteSizeSyntax::parse);
          if (limits) {
            deploy.memoryLimit = bytes;
            deploy.memoryLimitNode = value;
          } else {
            deploy.memoryReservation = bytes;
            deploy.memoryReservationNode = value;
          }
        }
        case "pids" -> {
          Optional<Long> pids = fields.integer(value, at, -1, Long.MAX_VALUE);
          if (limits) {
            deploy.pidsLimit = pids;
            deploy.pidsLimitNode = value;
          } else {
            fields.problems().at(entry.keyNode(), at + ": pids can only be limited, not "
                + "reserved");
          }
        }
        default -> refuse(entry, path, (limits ? "limits" : "reservations")
            + " takes cpus, memory and pids here (devices and generic_resources are not "
            + "supported)");
      }
    }
  }

  private Optional<UpdateConfig> updateConfig(Node node, String path) {
    UpdateConfig defaults = UpdateConfig.DEFAULT;
    int parallelism = defaults.parallelism();
    Duration delay = defaults.delay();
    String failureAction = defaults.failureAction();
    Duration monitor = defaults.monitor();
    String order = defaults.order();
    int before = fields.problems().count();
    for (YamlMapping.Entry entry : fields.mapping(node, path).orElse(List.of())) {
      String at = path + "." + entry.key();
      Node value = entry.value();
      switch (entry.key()) {
        case "parallelism" -> parallelism = fields.integer(value, at, 0, Integer.MAX_VALUE)
            .map(Long::intValue).orElse(parallelism);
        case "delay" -> delay = Durations.nonNegative(fields, value, at).orElse(delay);
        case "monitor" -> monitor = Durations.nonNegative(fields, value, at).orElse(monitor);
        case "failure_action" -> failureAction =
            oneOf(value, at, UpdateConfig.FAILURE_ACTIONS, "pause, continue or rollback")
                .orElse(failureAction);
        case "order" -> order =
            oneOf(value, at, UpdateConfig.ORDERS, "stop-first or start-first").orElse(order);
        default -> refuse(entry, path, "update_config takes parallelism, delay, failure_action, "
            + "monitor and order");
      }
    }
    if (fields.problems().count() > before) {
      return Optional.empty();
    }
    return Optional.of(new UpdateConfig(parallelism, delay, failureAction, monitor, order));
  }

  private Optional<String> oneOf(
      Node value, String path, java.util.Set<String> allowed, String expected) {
    return fields.literal(value, path, expected).filter(text -> {
      if (allowed.contains(text)) {
        return true;
      }
      fields.problems().at(value, path + " must be " + expected + ", found '" + text + "'");
      return false;
    });
  }

  private void refuse(YamlMapping.Entry entry, String path, String hint) {
    if (!ComposeKeys.isExtension(entry.key())) {
      fields.problems().at(entry.keyNode(), "unsupported key '" + entry.key() + "' in " + path
          + " (" + hint + ")");
    }
  }
}
