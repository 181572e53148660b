package dev.driftless.manifests.hash;

import dev.driftless.manifests.model.Device;
import dev.driftless.manifests.model.HealthCheck;
import dev.driftless.manifests.model.LogConfig;
import dev.driftless.manifests.model.Resources;
import dev.driftless.manifests.model.RestartPolicy;
import dev.driftless.manifests.model.RuntimeOptions;
import dev.driftless.manifests.model.Ulimit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The runtime options' part of the spec hash. Only options set away from their default are
 * written, each behind its own name, so that a service using none keeps its earlier hash.
 *
 * <p>What paces or orders a rollout rather than configures a container (depends_on, replicas,
 * update_config, pull_policy) and the container's name (which the planner compares itself) are
 * left out: changing them must not recreate a container.
 */
final class RuntimeOptionsHashing {

  private RuntimeOptionsHashing() {}

  static void write(CanonicalDigest out, RuntimeOptions runtime) {
    runtime.entrypoint().ifPresent(entrypoint -> list(out, "entrypoint", entrypoint, true));
    list(out, "expose", runtime.expose(), false);
    runtime.healthcheck().ifPresent(check -> healthcheck(out, check));
    if (!runtime.restart().equals(RestartPolicy.NONE)) {
      out.text("restart").text(runtime.restart().name())
          .number(runtime.restart().maximumRetryCount());
    }
    resources(out, runtime.resources());
    text(out, "user", runtime.user());
    text(out, "working_dir", runtime.workingDir());
    text(out, "hostname", runtime.hostname());
    text(out, "domainname", runtime.domainname());
    list(out, "extra_hosts", runtime.extraHosts(), false);
    list(out, "dns", runtime.dns(), false);
    list(out, "dns_search", runtime.dnsSearch(), false);
    list(out, "cap_add", runtime.capAdd(), false);
    list(out, "cap_drop", runtime.capDrop(), false);
    flag(out, "privileged", runtime.privileged());
    flag(out, "read_only", runtime.readOnly());
    runtime.init().ifPresent(init -> out.text("init").text(init.toString()));
    if (!runtime.ulimits().isEmpty()) {
      out.text("ulimits").size(runtime.ulimits().size());
      for (Ulimit ulimit : runtime.ulimits()) {
        out.text(ulimit.name()).number(ulimit.soft()).number(ulimit.hard());
      }
    }
    if (!runtime.sysctls().isEmpty()) {
      out.text("sysctls").map(runtime.sysctls());
    }
    text(out, "stop_signal", runtime.stopSignal());
    duration(out, "stop_grace_period", runtime.stopGracePeriod());
    runtime.logging().ifPresent(logging -> logging(out, logging));
    list(out, "security_opt", runtime.securityOpt(), false);
    number(out, "shm_size", runtime.shmSize());
    if (!runtime.devices().isEmpty()) {
      out.text("devices").size(runtime.devices().size());
      for (Device device : runtime.devices()) {
        out.text(device.pathOnHost()).text(device.pathInContainer()).text(device.permissions());
      }
    }
    list(out, "group_add", runtime.groupAdd(), false);
    text(out, "pid", runtime.pid());
    text(out, "ipc", runtime.ipc());
  }

  private static void healthcheck(CanonicalDigest out, HealthCheck check) {
    out.text("healthcheck");
    list(out, "test", check.test(), true);
    duration(out, "interval", check.interval());
    duration(out, "timeout", check.timeout());
    duration(out, "start_period", check.startPeriod());
    duration(out, "start_interval", check.startInterval());
    if (check.retries().isPresent()) {
      out.text("retries").number(check.retries().getAsInt());
    }
    out.text("end");
  }

  private static void resources(CanonicalDigest out, Resources resources) {
    number(out, "cpus", resources.nanoCpus());
    number(out, "mem_limit", resources.memory());
    number(out, "mem_reservation", resources.memoryReservation());
    number(out, "pids_limit", resources.pidsLimit());
    number(out, "cpu_shares", resources.cpuShares());
  }

  private static void logging(CanonicalDigest out, LogConfig logging) {
    out.text("logging").text(logging.driver()).map(logging.options());
  }

  /** A list, written even when empty if {@code evenEmpty} (an empty entrypoint clears it). */
  private static void list(CanonicalDigest out, String name, List<String> list, boolean evenEmpty) {
    if (evenEmpty || !list.isEmpty()) {
      out.text(name).size(list.size());
      list.forEach(out::text);
    }
  }

  private static void text(CanonicalDigest out, String name, String value) {
    if (!value.isEmpty()) {
      out.text(name).text(value);
    }
  }

  private static void number(CanonicalDigest out, String name, long value) {
    if (value != 0) {
      out.text(name).number(value);
    }
  }

  private static void flag(CanonicalDigest out, String name, boolean value) {
    if (value) {
      out.text(name).text("true");
    }
  }

  private static void duration(CanonicalDigest out, String name, Optional<Duration> value) {
    value.ifPresent(duration -> out.text(name).number(duration.toNanos()));
  }
}
