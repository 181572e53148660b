package dev.driftless.manifests.hash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.manifests.model.Attachments;
import dev.driftless.manifests.model.BuildSpec;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.Device;
import dev.driftless.manifests.model.HealthCheck;
import dev.driftless.manifests.model.Ipam;
import dev.driftless.manifests.model.LogConfig;
import dev.driftless.manifests.model.Mount;
import dev.driftless.manifests.model.NetworkMode;
import dev.driftless.manifests.model.NetworkSpec;
import dev.driftless.manifests.model.PortBinding;
import dev.driftless.manifests.model.Resources;
import dev.driftless.manifests.model.RestartPolicy;
import dev.driftless.manifests.model.RuntimeOptions;
import dev.driftless.manifests.model.ServiceNetwork;
import dev.driftless.manifests.model.Ulimit;
import dev.driftless.manifests.model.VolumeSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SpecFieldsTest {

  private static final String DIGEST_A = "a".repeat(64);
  private static final String DIGEST_B = "b".repeat(64);

  /** A service with every kind of field set, so that every writer of the spec hash runs. */
  static DesiredService rich(Map<String, String> environment, RestartPolicy restart) {
    RuntimeOptions runtime = RuntimeOptions.builder()
        .entrypoint(List.of("sh", "-c"))
        .expose(List.of("80/tcp"))
        .healthcheck(new HealthCheck(List.of("CMD", "true"), Optional.of(Duration.ofSeconds(5)),
            Optional.of(Duration.ofSeconds(2)), Optional.empty(), Optional.empty(),
            OptionalInt.of(3)))
        .restart(restart)
        .resources(new Resources(500_000_000, 1 << 20, 1 << 19, 10, 512))
        .user("nobody")
        .workingDir("/srv")
        .hostname("box")
        .domainname("example.org")
        .extraHosts(List.of("db:10.0.0.2"))
        .dns(List.of("1.1.1.1"))
        .dnsSearch(List.of("example.org"))
        .capAdd(List.of("NET_ADMIN"))
        .capDrop(List.of("MKNOD"))
        .privileged(true)
        .readOnly(true)
        .init(true)
        .ulimits(List.of(new Ulimit("nofile", 10, 20)))
        .sysctls(Map.of("net.core.somaxconn", "1024"))
        .stopSignal("SIGINT")
        .stopGracePeriod(Duration.ofSeconds(3))
        .logging(new LogConfig("json-file", Map.of("max-size", "1m")))
        .securityOpt(List.of("no-new-privileges:true"))
        .shmSize(1 << 20)
        .devices(List.of(new Device("/dev/null", "/dev/n", "rwm")))
        .groupAdd(List.of("audio"))
        .pid("host")
        .ipc("shareable")
        .build();
    NetworkSpec front = new NetworkSpec("front", "", false, "", Map.of(), Ipam.NONE, false, false,
        false, Map.of());
    VolumeSpec data = new VolumeSpec("data", "", false, "", Map.of(), Map.of(), false);
    Attachments attachments = new Attachments(NetworkMode.NETWORKS,
        List.of(new ServiceNetwork(front, List.of("www"), "", "", 0)),
        List.of(new Mount.Volume(data, "/data", false, false), new Mount.Tmpfs("/scratch", 1024, 0)),
        Map.of("/run", ""));
    return new DesiredService("web", "nginx:1.27", List.of("nginx", "-g", "daemon off;"),
        environment, List.of(new PortBinding("", 8080, 80, "tcp")), Map.of("team", "shop"),
        runtime, attachments, Optional.of(BuildSpec.of("web", "c".repeat(64))));
  }

  private static final DesiredService RICH =
      rich(Map.of("MODE", "production", "WORKERS", "4"), new RestartPolicy("always", 0));

  /** Fields whose fingerprint differs between the two services, or that only one has. */
  private static Set<String> changed(DesiredService before, DesiredService after) {
    Map<String, String> old = SpecFields.of(before);
    Map<String, String> now = SpecFields.of(after);
    Set<String> names = new java.util.TreeSet<>(old.keySet());
    names.addAll(now.keySet());
    return names.stream().filter(name -> !java.util.Objects.equals(old.get(name), now.get(name)))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  @Test
  void namesEveryFieldAsComposeDoesWithEightHexCharactersEach() {
    Map<String, String> fields = SpecFields.of(RICH);

    assertThat(fields.keySet()).containsExactly("build", "cap_add", "cap_drop", "command",
        "cpu_shares", "cpus", "devices", "dns", "dns_search", "domainname", "entrypoint",
        "environment.MODE", "environment.WORKERS", "expose", "extra_hosts", "group_add",
        "healthcheck", "hostname", "image", "init", "ipc", "labels.team", "logging", "mem_limit",
        "mem_reservation", "networks", "pid", "pids_limit", "ports", "privileged", "read_only",
        "restart", "security_opt", "shm_size", "stop_grace_period", "stop_signal", "sysctls",
        "tmpfs", "ulimits", "user", "volumes", "working_dir");
    assertThat(fields.values()).allMatch(fingerprint -> fingerprint.matches("[0-9a-f]{8}"));
  }

  @Test
  void leavesOutWhatIsAtItsDefaultAsTheSpecHashDoes() {
    assertThat(SpecFields.of(new DesiredService("web", "busybox", List.of(), Map.of(), List.of(),
        Map.of()))).containsOnlyKeys("image", "command", "ports");
  }

  @Test
  void identicalServicesGiveIdenticalMaps() {
    assertThat(SpecFields.of(RICH)).isEqualTo(SpecFields.of(
        rich(new TreeMap<>(Map.of("WORKERS", "4", "MODE", "production")),
            new RestartPolicy("always", 0))));
  }

  @Test
  void aChangedVariableChangesExactlyItsEntry() {
    DesiredService after = rich(Map.of("MODE", "staging", "WORKERS", "4"),
        new RestartPolicy("always", 0));

    assertThat(changed(RICH, after)).containsExactly("environment.MODE");
  }

  @Test
  void anAddedOrRemovedVariableIsItsOwnEntry() {
    DesiredService after = rich(Map.of("MODE", "production", "DEBUG", "1"),
        new RestartPolicy("always", 0));

    assertThat(changed(RICH, after)).containsExactly("environment.DEBUG", "environment.WORKERS");
  }

  @Test
  void aChangedRestartPolicyChangesOnlyRestart() {
    DesiredService after = rich(RICH.environment(), new RestartPolicy("on-failure", 3));

    assertThat(changed(RICH, after)).containsExactly("restart");
  }

  @Test
  void aSecretCountsThroughItsDigestAloneNeverItsValue() {
    DesiredService secret = rich(Map.of("DB_PASSWORD", "hunter2"), RestartPolicy.NONE)
        .withSecretDigests(Map.of("DB_PASSWORD", DIGEST_A));
    DesiredService otherValueSameDigest = rich(Map.of("DB_PASSWORD", "letmein"), RestartPolicy.NONE)
        .withSecretDigests(Map.of("DB_PASSWORD", DIGEST_A));
    DesiredService otherDigest = secret.withSecretDigests(Map.of("DB_PASSWORD", DIGEST_B));

    assertThat(changed(secret, otherValueSameDigest)).isEmpty();
    assertThat(changed(secret, otherDigest)).containsExactly("environment.DB_PASSWORD");
  }

  @Test
  void aDigestNeverFingerprintsLikeAPlainValueEqualToIt() {
    DesiredService plain = rich(Map.of("TOKEN", DIGEST_A), RestartPolicy.NONE);
    DesiredService secret = plain.withSecretDigests(Map.of("TOKEN", DIGEST_A));

    assertThat(changed(plain, secret)).containsExactly("environment.TOKEN");
  }

  @Test
  void theImageFingerprintCanBeCheckedAgainstACandidateName() {
    assertThat(SpecFields.ofImage("nginx:1.27")).isEqualTo(SpecFields.of(RICH).get("image"));
    assertThat(SpecFields.ofImage("nginx:1.28")).isNotEqualTo(SpecFields.of(RICH).get("image"));
  }

  /**
   * Computed with the spec hash's writers as they were before they wrote through
   * {@link FieldSink}: the fingerprints per field must not move a single byte of the spec hash.
   */
  @Test
  void theSpecHashOfAServiceUsingEveryFieldIsUnchanged() {
    assertThat(SpecHash.of(RICH)).isEqualTo(PINNED_RICH);
    assertThat(SpecHash.ofBuild(RICH.build().orElseThrow())).isEqualTo(PINNED_RICH_BUILD);
  }

  private static final String PINNED_RICH =
      "4c82f570caec6f146ec113a81384df27fb4e7edc8446df32e13109a0e8a674ee";
  private static final String PINNED_RICH_BUILD =
      "f569ac3d29bb82d2d53308c6a5bf4f4fc401149465006c6312e13dc790070568";
}
