package dev.driftless.manifests.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.model.Dependency;
import dev.driftless.manifests.model.PullPolicy;
import dev.driftless.manifests.model.RuntimeOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The runtime keys and values that docker-compose 1.29 does not know, so that the parity tests
 * cannot check them, checked against the text of the Compose specification instead
 * (compose-spec/compose-spec, {@code 05-services.md} and {@code deploy.md}); each test quotes the
 * sentence it holds Driftless to.
 */
class ComposeSpecificationTest {

  private static final ComposeReader READER = new ComposeReader();

  private static RuntimeOptions web(String keys) throws ManifestException {
    return READER.read("shop", "compose.yaml", "services:\n  web:\n    image: busybox\n" + keys)
        .service("web").orElseThrow().runtime();
  }

  private static String problem(String keys) {
    ManifestException e = catchThrowableOfType(ManifestException.class, () -> web(keys));
    assertThat(e).as("reading should fail").isNotNull();
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0).message();
  }

  @Test
  @DisplayName("healthcheck: \"interval, timeout, start_period, and start_interval are specified as "
      + "durations\"")
  void startIntervalIsADuration() throws ManifestException {
    assertThat(web("    healthcheck:\n      test: [\"CMD\", \"true\"]\n      start_interval: 5s\n")
        .healthcheck().orElseThrow().startInterval()).contains(Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("extra_hosts: \"in the form of HOSTNAME=IP ... The separator = is preferred but : can"
      + " also be used ... IPv6 addresses can be enclosed in square brackets\"")
  void extraHostsTakeTheEqualsFormAndBracketedAddresses() throws ManifestException {
    assertThat(web("""
            extra_hosts:
              - "somehost=162.242.195.82"
              - "myhostv6=::1"
              - "bracketed=[::1]"
              - "otherhost:50.31.209.229"
        """).extraHosts()).containsExactly("somehost:162.242.195.82", "myhostv6:::1",
            "bracketed:::1", "otherhost:50.31.209.229");
    assertThat(web("    extra_hosts:\n      myhostv6: \"::1\"\n").extraHosts())
        .containsExactly("myhostv6:::1");
  }

  @Test
  @DisplayName("pull_policy: \"missing: ... This is the default option ... if_not_present is "
      + "considered an alias for this value\"")
  void pullPolicyMissingIsTheDefaultAndIfNotPresentItsAlias() throws ManifestException {
    assertThat(web("").pullPolicy()).isEqualTo(PullPolicy.MISSING);
    assertThat(web("    pull_policy: missing\n").pullPolicy()).isEqualTo(PullPolicy.MISSING);
    assertThat(web("    pull_policy: if_not_present\n").pullPolicy())
        .isEqualTo(PullPolicy.MISSING);
    assertThat(web("    pull_policy: never\n").pullPolicy()).isEqualTo(PullPolicy.NEVER);
  }

  @Test
  @DisplayName("depends_on: \"restart: When set to true Compose restarts this service after it "
      + "updates the dependency service ... If it's not defined the default value of required is "
      + "true\"")
  void dependsOnRestartAndRequired() throws ManifestException {
    Map<String, Dependency> dependsOn = READER.read("shop", "compose.yaml", """
        services:
          web:
            image: busybox
            depends_on:
              db: {condition: service_healthy, restart: true}
              cache: {condition: service_started}
          db: {image: busybox}
          cache: {image: busybox}
        """).service("web").orElseThrow().runtime().dependsOn();
    assertThat(dependsOn.get("db")).isEqualTo(new Dependency("service_healthy", true, true));
    assertThat(dependsOn.get("cache")).isEqualTo(new Dependency("service_started", false, true));
  }

  @Test
  @DisplayName("pids_limit: \"Set to -1 for unlimited PIDs ... When both are set, pids_limit must "
      + "be consistent with the pids attribute in the Deploy Specification\"")
  void pidsLimitAndDeployPids() throws ManifestException {
    assertThat(web("    pids_limit: -1\n").resources().pidsLimit()).isEqualTo(-1);
    assertThat(web("    deploy:\n      resources:\n        limits:\n          pids: 10\n")
        .resources().pidsLimit()).isEqualTo(10);
    assertThat(web("    pids_limit: 10\n    deploy:\n      resources:\n        limits:\n"
        + "          pids: 10\n").resources().pidsLimit()).isEqualTo(10);
    assertThat(problem("    pids_limit: 10\n    deploy:\n      resources:\n        limits:\n"
        + "          pids: 20\n")).contains("disagree");
  }

  @Test
  @DisplayName("cpus: \"When both are set, cpus must be consistent with the cpus attribute in the "
      + "Deploy Specification\"; scale: \"When both are set, scale must be consistent with the "
      + "replicas attribute\"")
  void cpusAndScaleMustBeConsistentWithDeploy() throws ManifestException {
    assertThat(web("    cpus: 0.5\n    deploy:\n      resources:\n        limits:\n"
        + "          cpus: \"0.5\"\n").resources().nanoCpus()).isEqualTo(500_000_000L);
    assertThat(problem("    cpus: 0.5\n    deploy:\n      resources:\n        limits:\n"
        + "          cpus: \"1\"\n")).contains("disagree");
    assertThat(web("    scale: 2\n    deploy:\n      replicas: 2\n").replicas()).isEqualTo(2);
  }

  @Test
  @DisplayName("container_name and profiles \"follow the regex format of "
      + "[a-zA-Z0-9][a-zA-Z0-9_.-]+\"")
  void containerNameAndProfileNames() throws ManifestException {
    assertThat(web("    container_name: a1\n").containerName()).contains("a1");
    assertThat(problem("    container_name: a\n")).contains("container name");
    assertThat(problem("    container_name: _a\n")).contains("container name");
    assertThat(problem("    profiles: [\"-debug\"]\n")).contains("profile name");
  }

  @Test
  @DisplayName("entrypoint: \"If the value is [] (empty list) or '' (empty string), the default "
      + "entrypoint declared by the image is ignored\"")
  void emptyEntrypointIgnoresTheImages() throws ManifestException {
    assertThat(web("    entrypoint: []\n").entrypoint()).contains(List.of());
    assertThat(web("    entrypoint: ''\n").entrypoint()).contains(List.of());
  }

  @Test
  @DisplayName("healthcheck: \"the healthcheck set by the image can be disabled by setting "
      + "disable: true\" (docker-compose 1.29 disables it for disable: false too)")
  void disableFalseLeavesTheCheckOn() throws ManifestException {
    assertThat(web("    healthcheck:\n      disable: false\n      test: [\"CMD\", \"true\"]\n")
        .healthcheck().orElseThrow().test()).containsExactly("CMD", "true");
  }
}
