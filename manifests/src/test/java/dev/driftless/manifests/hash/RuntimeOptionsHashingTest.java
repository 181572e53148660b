package dev.driftless.manifests.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.driftless.manifests.model.Attachments;
import dev.driftless.manifests.model.Dependency;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.Device;
import dev.driftless.manifests.model.HealthCheck;
import dev.driftless.manifests.model.LogConfig;
import dev.driftless.manifests.model.PullPolicy;
import dev.driftless.manifests.model.Resources;
import dev.driftless.manifests.model.RestartPolicy;
import dev.driftless.manifests.model.RuntimeOptions;
import dev.driftless.manifests.model.Ulimit;
import dev.driftless.manifests.model.UpdateConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuntimeOptionsHashingTest {

  /** The v1 hash of busybox with nothing else set, pinned in {@link SpecHashTest} too. */
  private static final String PINNED_BUSYBOX =
      "5c42bb23f2c5ce20276bfe28994e8efc985be80205af5c4e89c5ed824ed50b4c";

  private static String hash(RuntimeOptions runtime) {
    return SpecHash.of(new DesiredService("web", "busybox", List.of(), Map.of(), List.of(),
        Map.of(), runtime, Attachments.NONE));
  }

  @Test
  void aServiceWithoutRuntimeKeysKeepsTheHashItHadBeforeTheyWereSupported() {
    assertThat(hash(RuntimeOptions.NONE)).isEqualTo(PINNED_BUSYBOX);
    assertThat(hash(RuntimeOptions.builder().build())).isEqualTo(PINNED_BUSYBOX);
  }

  @Test
  void whatPacesARolloutRatherThanConfiguresAContainerLeavesTheHashAlone() {
    RuntimeOptions rollout = RuntimeOptions.builder()
        .dependsOn(Map.of("db", new Dependency("service_healthy", true, true)))
        .replicas(3)
        .updateConfig(new UpdateConfig(2, Duration.ofSeconds(5), "rollback", Duration.ZERO,
            "start-first"))
        .pullPolicy(PullPolicy.ALWAYS)
        .build();
    assertThat(hash(rollout)).isEqualTo(PINNED_BUSYBOX);
    assertThat(hash(RuntimeOptions.builder().containerName("fixed").build()))
        .as("the planner compares the container's name itself")
        .isEqualTo(PINNED_BUSYBOX);
  }

  static Stream<Arguments> eachOption() {
    HealthCheck check = new HealthCheck(List.of("CMD", "true"), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty());
    return Stream.of(
        option("entrypoint", b -> b.entrypoint(List.of("sh"))),
        option("empty entrypoint", b -> b.entrypoint(List.of())),
        option("expose", b -> b.expose(List.of("80/tcp"))),
        option("healthcheck", b -> b.healthcheck(check)),
        option("healthcheck disabled", b -> b.healthcheck(HealthCheck.DISABLED)),
        option("healthcheck interval", b -> b.healthcheck(new HealthCheck(List.of(),
            Optional.of(Duration.ofSeconds(5)), Optional.empty(), Optional.empty(),
            Optional.empty(), OptionalInt.empty()))),
        option("healthcheck timeout", b -> b.healthcheck(new HealthCheck(List.of(),
            Optional.empty(), Optional.of(Duration.ofSeconds(5)), Optional.empty(),
            Optional.empty(), OptionalInt.empty()))),
        option("healthcheck start_period", b -> b.healthcheck(new HealthCheck(List.of(),
            Optional.empty(), Optional.empty(), Optional.of(Duration.ofSeconds(5)),
            Optional.empty(), OptionalInt.empty()))),
        option("healthcheck start_interval", b -> b.healthcheck(new HealthCheck(List.of(),
            Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.of(Duration.ofSeconds(5)), OptionalInt.empty()))),
        option("healthcheck retries", b -> b.healthcheck(new HealthCheck(List.of(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            OptionalInt.of(5)))),
        option("restart", b -> b.restart(new RestartPolicy("always", 0))),
        option("restart no", b -> b.restart(new RestartPolicy("no", 0))),
        option("restart retries", b -> b.restart(new RestartPolicy("on-failure", 3))),
        option("cpus", b -> b.resources(new Resources(500_000_000, 0, 0, 0, 0))),
        option("memory", b -> b.resources(new Resources(0, 1 << 20, 0, 0, 0))),
        option("memory reservation", b -> b.resources(new Resources(0, 0, 1 << 20, 0, 0))),
        option("pids", b -> b.resources(new Resources(0, 0, 0, 10, 0))),
        option("cpu shares", b -> b.resources(new Resources(0, 0, 0, 0, 512))),
        option("user", b -> b.user("nobody")),
        option("working_dir", b -> b.workingDir("/srv")),
        option("hostname", b -> b.hostname("box")),
        option("domainname", b -> b.domainname("example.org")),
        option("extra_hosts", b -> b.extraHosts(List.of("db:10.0.0.2"))),
        option("dns", b -> b.dns(List.of("1.1.1.1"))),
        option("dns_search", b -> b.dnsSearch(List.of("example.org"))),
        option("cap_add", b -> b.capAdd(List.of("NET_ADMIN"))),
        option("cap_drop", b -> b.capDrop(List.of("NET_ADMIN"))),
        option("privileged", b -> b.privileged(true)),
        option("read_only", b -> b.readOnly(true)),
        option("init", b -> b.init(true)),
        option("init false", b -> b.init(false)),
        option("ulimits", b -> b.ulimits(List.of(new Ulimit("nofile", 10, 20)))),
        option("sysctls", b -> b.sysctls(Map.of("net.core.somaxconn", "1024"))),
        option("stop_signal", b -> b.stopSignal("SIGINT")),
        option("stop_grace_period", b -> b.stopGracePeriod(Duration.ofSeconds(3))),
        option("logging", b -> b.logging(new LogConfig("json-file", Map.of()))),
        option("logging options", b -> b.logging(new LogConfig("json-file",
            Map.of("max-size", "1m")))),
        option("security_opt", b -> b.securityOpt(List.of("no-new-privileges:true"))),
        option("shm_size", b -> b.shmSize(1 << 20)),
        option("devices", b -> b.devices(List.of(new Device("/dev/null", "/dev/n", "rwm")))),
        option("group_add", b -> b.groupAdd(List.of("audio"))),
        option("pid", b -> b.pid("host")),
        option("ipc", b -> b.ipc("shareable")));
  }

  private static Arguments option(String name, UnaryOperator<RuntimeOptions.Builder> set) {
    return arguments(name, set.apply(RuntimeOptions.builder()).build());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eachOption")
  void eachOptionSetChangesTheHash(String name, RuntimeOptions runtime) {
    assertThat(hash(runtime)).isNotEqualTo(PINNED_BUSYBOX);
  }

  @Test
  void noTwoOptionsHashAlike() {
    Set<String> hashes = new HashSet<>();
    List<Arguments> options = eachOption().toList();
    options.forEach(option -> hashes.add(hash((RuntimeOptions) option.get()[1])));
    assertThat(hashes).hasSize(options.size());
  }

  @Test
  void capabilitiesInAnotherOrderHashAlike() {
    assertThat(hash(RuntimeOptions.builder().capAdd(List.of("A", "B")).build()))
        .isEqualTo(hash(RuntimeOptions.builder().capAdd(List.of("B", "A")).build()));
  }
}
