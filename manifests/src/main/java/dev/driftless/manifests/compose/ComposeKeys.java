package dev.driftless.manifests.compose;

import dev.driftless.manifests.Suggestions;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys of the Compose specification that Driftless does not handle yet. They are refused
 * with a message that says so; any other unexpected key is refused as unknown, which is
 * usually a typo. Neither is ever ignored: a silently ignored {@code volumes:} would lose data.
 */
final class ComposeKeys {

  static final Set<String> TOP_LEVEL =
      Set.of("include", "models");

  static final Set<String> SERVICE =
      Set.of(
          "annotations", "attach", "blkio_config", "build", "cap_add", "cap_drop", "cgroup",
          "cgroup_parent", "container_name", "cpu_count", "cpu_percent", "cpu_period",
          "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares", "cpus", "cpuset",
          "credential_spec", "depends_on", "deploy", "develop", "device_cgroup_rules", "devices",
          "dns", "dns_opt", "dns_search", "domainname", "driver_opts", "entrypoint", "env_file",
          "expose", "extends", "external_links", "extra_hosts", "gpus", "group_add",
          "healthcheck", "hostname", "init", "ipc", "isolation", "label_file", "links",
          "logging", "mac_address", "mem_limit", "mem_reservation", "mem_swappiness",
          "memswap_limit", "models", "oom_kill_disable",
          "oom_score_adj", "pid", "pids_limit", "platform", "post_start", "pre_stop",
          "privileged", "profiles", "provider", "pull_policy", "read_only", "restart", "runtime",
          "scale", "security_opt", "shm_size", "stdin_open", "stop_grace_period",
          "stop_signal", "storage_opt", "sysctls", "tty", "ulimits", "use_api_socket",
          "user", "userns_mode", "uts", "volumes_from", "working_dir");

  /** Every top-level key of the Compose specification, for "did you mean" suggestions. */
  static final Set<String> SPEC_TOP_LEVEL =
      new TreeSet<>(Set.of("version", "name", "services", "networks", "volumes", "configs",
          "secrets", "include", "models"));

  /**
   * Every service key of the Compose specification, supported or not, for "did you mean"
   * suggestions: kept apart from {@link #SERVICE}, which shrinks as support grows.
   */
  static final Set<String> SPEC_SERVICE = specServiceKeys();

  private ComposeKeys() {}

  private static Set<String> specServiceKeys() {
    Set<String> keys = new TreeSet<>(SERVICE);
    keys.addAll(Set.of("image", "command", "environment", "ports", "labels", "expose",
        "volumes", "networks", "secrets", "configs", "entrypoint", "healthcheck", "depends_on"));
    return keys;
  }

  /** The message for a service key that is not in the Compose specification. */
  static String unknownServiceKey(String key, String service) {
    String suggestion = Suggestions.didYouMean(key, SPEC_SERVICE);
    return "unknown key '" + key + "' in service '" + service + "'"
        + (suggestion.isEmpty() ? " (it is not a Compose service key)" : suggestion);
  }

  /** The message for a top-level key that is not in the Compose specification. */
  static String unknownTopLevelKey(String key) {
    String suggestion = Suggestions.didYouMean(key, SPEC_TOP_LEVEL);
    return "unknown top-level key '" + key + "'"
        + (suggestion.isEmpty() ? " (it is not part of the Compose specification)" : suggestion);
  }

  /** Extension keys ({@code x-anything}) are the user's own and are ignored, as in Compose. */
  static boolean isExtension(String key) {
    return key.startsWith("x-");
  }
}
