package dev.driftless.manifests.compose;

import java.util.Set;

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

  private ComposeKeys() {}

  /** Extension keys ({@code x-anything}) are the user's own and are ignored, as in Compose. */
  static boolean isExtension(String key) {
    return key.startsWith("x-");
  }
}
