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
 * written, each as one field behind its Compose name (see {@link FieldSink}), so that a service
 * using none keeps its earlier hash.
 *
 * <p>What paces or orders a rollout rather than configures a container (depends_on, replicas,
 * update_config, pull_policy) and the container's name (which the planner compares itself) are
 * left out: changing them must not recreate a container.
 */
final class RuntimeOptionsHashing {

  private RuntimeOptionsHashing() {}

  static void write(FieldSink out, RuntimeOptions runtime) {
    runtime.entrypoint().ifPresent(entrypoint -> list(out, "entrypoint", entrypoint, true));
    list(out, "expose", runtime.expose(), false);
    runtime.healthcheck().ifPresent(check -> healthcheck(out.to("healthcheck"), check));
    if (!runtime.restart().equals(RestartPolicy.NONE)) {
      out.to("restart").text(runtime.restart().name())
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
    runtime.init().ifPresent(init -> out.to("init").text(init.toString()));
    if (!runtime.ulimits().isEmpty()) {
      CanonicalDigest ulimits = out.to("ulimits").size(runtime.ulimits().size());
      for (Ulimit ulimit : runtime.ulimits()) {
        ulimits.text(ulimit.name()).number(ulimit.soft()).number(ulimit.hard());
      }
    }
    if (!runtime.sysctls().isEmpty()) {
      out.to("sysctls").map(runtime.sysctls());
    }
    text(out, "stop_signal", runtime.stopSignal());
    duration(out, "stop_grace_period", runtime.stopGracePeriod());
    runtime.logging().ifPresent(logging -> logging(out.to("logging"), logging));
    list(out, "security_opt", runtime.securityOpt(), false);
    number(out, "shm_size", runtime.shmSize());
    if (!runtime.devices().isEmpty()) {
      CanonicalDigest devices = out.to("devices").size(runtime.devices().size());
      for (Device device : runtime.devices()) {
        devices.text(device.pathOnHost()).text(device.pathInContainer()).text(device.permissions());
      }
    }
    list(out, "group_add", runtime.groupAdd(), false);
    text(out, "pid", runtime.pid());
    text(out, "ipc", runtime.ipc());
  }

  /** The check's parts stay inside its one field, after the name {@code healthcheck}. */
  private static void healthcheck(CanonicalDigest field, HealthCheck check) {
    FieldSink out = FieldSink.into(field);
    list(out, "test", check.test(), true);
    duration(out, "interval", check.interval());
    duration(out, "timeout", check.timeout());
    duration(out, "start_period", check.startPeriod());
    duration(out, "start_interval", check.startInterval());
    if (check.retries().isPresent()) {
      out.to("retries").number(check.retries().getAsInt());
    }
    field.text("end");
  }

  private static void resources(FieldSink out, Resources resources) {
    number(out, "cpus", resources.nanoCpus());
    number(out, "mem_limit", resources.memory());
    number(out, "mem_reservation", resources.memoryReservation());
    number(out, "pids_limit", resources.pidsLimit());
    number(out, "cpu_shares", resources.cpuShares());
  }

  private static void logging(CanonicalDigest field, LogConfig logging) {
    field.text(logging.driver()).map(logging.options());
  }

  /** A list, written even when empty if {@code evenEmpty} (an empty entrypoint clears it). */
  private static void list(FieldSink out, String name, List<String> list, boolean evenEmpty) {
    if (evenEmpty || !list.isEmpty()) {
      CanonicalDigest field = out.to(name).size(list.size());
      list.forEach(field::text);
    }
  }

  private static void text(FieldSink out, String name, String value) {
    if (!value.isEmpty()) {
      out.to(name).text(value);
    }
  }

  private static void number(FieldSink out, String name, long value) {
    if (value != 0) {
      out.to(name).number(value);
    }
  }

  private static void flag(FieldSink out, String name, boolean value) {
    if (value) {
      out.to(name).text("true");
    }
  }

  private static void duration(FieldSink out, String name, Optional<Duration> value) {
    value.ifPresent(duration -> out.to(name).number(duration.toNanos()));
  }
}
