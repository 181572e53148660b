package dev.driftless.manifests.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.model.Dependency;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The runtime keys of a service, read through {@link ComposeReader} as a user writes them. */
class RuntimeOptionsReaderTest {

  private static final ComposeReader READER = new ComposeReader();
  private static final String FILE = "shop/compose.yaml";

  /** The options of service {@code web}, whose body is {@code keys} (indented by 4). */
  private static RuntimeOptions web(String keys) throws ManifestException {
    return READER.read("shop", FILE, "services:\n  web:\n    image: busybox\n" + keys)
        .service("web").orElseThrow().runtime();
  }

  private static List<String> problems(String yaml) {
    ManifestException e = catchThrowableOfType(ManifestException.class,
        () -> READER.read("shop", FILE, yaml));
    assertThat(e).as("reading should fail").isNotNull();
    return e.problems().stream().map(p -> p.line() + ":" + p.column() + ": " + p.message())
        .toList();
  }

  private static List<String> webProblems(String keys) {
    return problems("services:\n  web:\n    image: busybox\n" + keys);
  }

  @Test
  void aServiceWithoutRuntimeKeysHasNone() throws ManifestException {
    assertThat(web("")).isEqualTo(RuntimeOptions.NONE);
  }

  @Nested
  class Process {

    @Test
    void entrypointAsAStringIsSplitLikeAShell() throws ManifestException {
      assertThat(web("    entrypoint: sh -c 'echo \"hi there\"'\n").entrypoint())
          .contains(List.of("sh", "-c", "echo \"hi there\""));
    }

    @Test
    void entrypointAsAListIsTakenAsItIs() throws ManifestException {
      assertThat(web("    entrypoint: [\"/bin/sh\", \"-c\"]\n").entrypoint())
          .contains(List.of("/bin/sh", "-c"));
    }

    @Test
    void anEmptyEntrypointClearsTheImagesAndNullKeepsIt() throws ManifestException {
      assertThat(web("    entrypoint: []\n").entrypoint()).contains(List.of());
      assertThat(web("    entrypoint: \"\"\n").entrypoint()).contains(List.of());
      assertThat(web("    entrypoint: null\n").entrypoint()).isEmpty();
    }

    @Test
    void userWorkingDirHostnameDomainnameAndStopSignalAreStrings() throws ManifestException {
      RuntimeOptions runtime = web("""
              user: "1000:1000"
              working_dir: /srv
              hostname: box
              domainname: example.org
              stop_signal: SIGINT
              stop_grace_period: 1m30s
          """);
      assertThat(runtime.user()).isEqualTo("1000:1000");
      assertThat(runtime.workingDir()).isEqualTo("/srv");
      assertThat(runtime.hostname()).isEqualTo("box");
      assertThat(runtime.domainname()).isEqualTo("example.org");
      assertThat(runtime.stopSignal()).isEqualTo("SIGINT");
      assertThat(runtime.stopGracePeriod()).contains(Duration.ofSeconds(90));
    }

    @Test
    void aNumberWhereAStringIsExpectedIsRefusedWithAHint() {
      assertThat(webProblems("    user: 1000\n")).containsExactly(
          "4:11: services.web.user must be a string, found '1000' (quote it if it is meant as "
              + "text)");
    }

    @Test
    void aStopGracePeriodWithoutUnitIsRefusedAtItsPosition() {
      assertThat(webProblems("    stop_grace_period: 10\n")).singleElement().asString()
          .startsWith("4:24: services.web.stop_grace_period: '10' is missing a unit");
    }
  }

  @Nested
  class HealthChecks {

    @Test
    void aStringTestRunsInTheShell() throws ManifestException {
      HealthCheck check = web("""
              healthcheck:
                test: wget -q -O- localhost || exit 1
                interval: 1m30s
                timeout: 10s
                retries: 3
                start_period: 40s
                start_interval: 5s
          """).healthcheck().orElseThrow();
      assertThat(check).isEqualTo(new HealthCheck(
          List.of("CMD-SHELL", "wget -q -O- localhost || exit 1"),
          Optional.of(Duration.ofSeconds(90)), Optional.of(Duration.ofSeconds(10)),
          Optional.of(Duration.ofSeconds(40)), Optional.of(Duration.ofSeconds(5)),
          OptionalInt.of(3)));
    }

    @Test
    void aListTestKeepsItsFirstWord() throws ManifestException {
      assertThat(web("    healthcheck:\n      test: [\"CMD\", \"true\"]\n").healthcheck()
          .orElseThrow().test()).containsExactly("CMD", "true");
      assertThat(web("    healthcheck:\n      test: [\"CMD-SHELL\", \"true\"]\n").healthcheck()
          .orElseThrow().test()).containsExactly("CMD-SHELL", "true");
      assertThat(web("    healthcheck:\n      test: [\"NONE\"]\n").healthcheck().orElseThrow()
          .disabled()).isTrue();
    }

    @Test
    void disableTrueTurnsTheCheckOffAndDisableFalseLeavesIt() throws ManifestException {
      assertThat(web("    healthcheck:\n      disable: true\n").healthcheck())
          .contains(HealthCheck.DISABLED);
      assertThat(web("    healthcheck:\n      disable: false\n      interval: 5s\n")
          .healthcheck().orElseThrow().disabled()).isFalse();
    }

    @Test
    void aTimingBelowAMillisecondIsRefusedAsTheEngineWould() {
      assertThat(webProblems("    healthcheck:\n      timeout: 2us\n")).containsExactly(
          "5:16: services.web.healthcheck.timeout must be at least 1ms (the engine refuses "
              + "shorter)");
    }

    @Test
    void onlyTimingsKeepTheImagesTest() throws ManifestException {
      assertThat(web("    healthcheck:\n      interval: 5s\n").healthcheck().orElseThrow().test())
          .isEmpty();
    }

    @Test
    void wrongValuesAreReportedWithTheirExactField() {
      assertThat(webProblems("""
              healthcheck:
                test: ["curl", "localhost"]
                interval: often
                retries: -1
                disable: yes
                timeuot: 5s
          """)).containsExactly(
              "5:13: services.web.healthcheck.test must start with CMD, CMD-SHELL or NONE, found "
                  + "'curl' (or write the command as a string, run by the shell)",
              "6:17: services.web.healthcheck.interval: 'often' is not a duration (write it like "
                  + "10s, 1m30s, 1.5h or 500ms)",
              "7:16: services.web.healthcheck.retries must be between 0 and 2147483647, found -1",
              "8:16: services.web.healthcheck.disable must be true or false, found 'yes'",
              "9:7: unknown key 'timeuot' in services.web.healthcheck (a health check takes test,"
                  + " interval, timeout, start_period, start_interval, retries and disable)");
    }
  }

  @Nested
  class Restart {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"no, no, 0", "'\"no\"', no, 0", "always, always, 0",
        "unless-stopped, unless-stopped, 0", "on-failure, on-failure, 0",
        "on-failure:5, on-failure, 5"})
    void everyPolicyOfComposeIsRead(String written, String name, int retries)
        throws ManifestException {
      assertThat(web("    restart: " + written + "\n").restart())
          .isEqualTo(new RestartPolicy(name, retries));
    }

    @Test
    void anUnknownPolicyOrRetriesOnAnotherPolicyAreRefused() {
      assertThat(webProblems("    restart: sometimes\n")).containsExactly("4:14: services.web"
          + ".restart must be no, always, on-failure[:N] or unless-stopped, found 'sometimes'");
      assertThat(webProblems("    restart: always:3\n")).hasSize(1);
    }

    @Test
    void deployRestartPolicyWinsAndMapsItsConditionsAsComposeDoes() throws ManifestException {
      assertThat(web("""
              restart: always
              deploy:
                restart_policy:
                  condition: on-failure
                  max_attempts: 3
          """).restart()).isEqualTo(new RestartPolicy("on-failure", 3));
      assertThat(web("    deploy:\n      restart_policy: {}\n").restart())
          .isEqualTo(new RestartPolicy("always", 0));
      assertThat(web("    deploy:\n      restart_policy:\n        condition: none\n").restart())
          .isEqualTo(new RestartPolicy("no", 0));
    }
  }

  @Nested
  class Limits {

    @Test
    void serviceKeysSetTheLimits() throws ManifestException {
      assertThat(web("""
              cpus: 1.5
              mem_limit: 512m
              mem_reservation: 128m
              pids_limit: 100
              cpu_shares: 512
              shm_size: 64m
          """)).satisfies(runtime -> {
            assertThat(runtime.resources()).isEqualTo(new Resources(1_500_000_000L, 512L << 20,
                128L << 20, 100, 512));
            assertThat(runtime.shmSize()).isEqualTo(64L << 20);
          });
    }

    @Test
    void deployResourcesSetTheSameLimits() throws ManifestException {
      assertThat(web("""
              deploy:
                resources:
                  limits:
                    cpus: "0.5"
                    memory: 1g
                    pids: 50
                  reservations:
                    memory: 256m
          """).resources()).isEqualTo(new Resources(500_000_000L, 1L << 30, 256L << 20, 50, 0));
    }

    @Test
    void cpusAreComputedExactlyUpToNineDecimals() throws ManifestException {
      assertThat(web("    cpus: 2.01\n").resources().nanoCpus()).isEqualTo(2_010_000_000L);
      assertThat(web("    cpus: 0.000000001\n").resources().nanoCpus()).isEqualTo(1L);
      assertThat(webProblems("    cpus: 0.0000000001\n")).containsExactly("4:11: services.web"
          + ".cpus: '0.0000000001' has more than nine decimals, which the engine cannot "
          + "represent");
    }

    @Test
    void theSameLimitSetTwiceDifferentlyIsRefused() {
      assertThat(webProblems("""
              mem_limit: 512m
              deploy:
                resources:
                  limits:
                    memory: 1g
          """)).containsExactly("4:16: services.web.mem_limit and services.web.deploy.resources"
              + ".limits.memory disagree; set only one");
    }

    @Test
    void wrongSizesAndNumbersAreReportedWithTheirField() {
      assertThat(webProblems("""
              mem_limit: lots
              cpus: two
              deploy:
                resources:
                  limits:
                    memory: 1x
                  reservations:
                    gpus: 1
          """)).containsExactly(
              "4:16: services.web.mem_limit: 'lots' is not a size (write it like 512m, 1g, "
                  + "1024k, 100b or a number of bytes)",
              "5:11: services.web.cpus: 'two' is not a number of CPUs",
              "9:19: services.web.deploy.resources.limits.memory: '1x' is not a size (write it "
                  + "like 512m, 1g, 1024k, 100b or a number of bytes)",
              "11:11: unsupported key 'gpus' in services.web.deploy.resources.reservations "
                  + "(reservations takes cpus, memory and pids here (devices and "
                  + "generic_resources are not supported))");
    }
  }

  @Nested
  class HostsAndNames {

    @Test
    void extraHostsInEveryFormBecomeHostColonAddress() throws ManifestException {
      assertThat(web("    extra_hosts:\n      - \"db:10.0.0.2\"\n      - \"cache=10.0.0.3\"\n"
          + "      - \"v6:::1\"\n").extraHosts())
          .containsExactly("db:10.0.0.2", "cache:10.0.0.3", "v6:::1");
      assertThat(web("    extra_hosts:\n      db: 10.0.0.2\n").extraHosts())
          .containsExactly("db:10.0.0.2");
    }

    @Test
    void anExtraHostWithoutAddressIsRefused() {
      assertThat(webProblems("    extra_hosts: [\"db\"]\n")).containsExactly(
          "4:19: services.web.extra_hosts[0] must be host:address or host=address, found 'db'");
    }

    @Test
    void dnsAndDnsSearchTakeAStringOrAList() throws ManifestException {
      RuntimeOptions runtime = web("    dns: 1.1.1.1\n    dns_search: [a.example, b.example]\n");
      assertThat(runtime.dns()).containsExactly("1.1.1.1");
      assertThat(runtime.dnsSearch()).containsExactly("a.example", "b.example");
    }

    @Test
    void exposeExpandsRangesAndDefaultsToTcp() throws ManifestException {
      assertThat(web("    expose: [3000, \"8000-8001\", \"53/udp\"]\n").expose())
          .containsExactly("3000/tcp", "53/udp", "8000/tcp", "8001/tcp");
      assertThat(webProblems("    expose: [\"http\"]\n")).containsExactly("4:14: services.web"
          + ".expose[0] must be a port such as 3000, 8000-8010 or 53/udp, found 'http'");
    }

    @Test
    void containerNameIsKeptAndRefusedWithMoreThanOneReplica() throws ManifestException {
      assertThat(web("    container_name: shop-web\n").containerName()).contains("shop-web");
      assertThat(webProblems("    container_name: shop-web\n    scale: 2\n")).containsExactly(
          "4:21: services.web.container_name names one container, but the service asks for 2 "
              + "(scale or deploy.replicas); docker compose refuses this too");
      assertThat(webProblems("    container_name: \"-bad\"\n")).hasSize(1);
    }
  }

  @Nested
  class Security {

    @Test
    void capabilitiesAreNormalisedAndUnknownOnesRefused() throws ManifestException {
      RuntimeOptions runtime = web("    cap_add: [CAP_NET_ADMIN, sys_ptrace]\n"
          + "    cap_drop: [ALL]\n");
      assertThat(runtime.capAdd()).containsExactly("NET_ADMIN", "SYS_PTRACE");
      assertThat(runtime.capDrop()).containsExactly("ALL");
      assertThat(webProblems("    cap_add: [NET_ADMIM]\n")).containsExactly("4:15: services.web"
          + ".cap_add[0] 'NET_ADMIM' is not a Linux capability (such as NET_ADMIN or SYS_PTRACE)");
    }

    @Test
    void flagsAreYaml12Booleans() throws ManifestException {
      RuntimeOptions runtime = web("    privileged: true\n    read_only: true\n    init: false\n");
      assertThat(runtime.privileged()).isTrue();
      assertThat(runtime.readOnly()).isTrue();
      assertThat(runtime.init()).contains(false);
      assertThat(webProblems("    privileged: yes\n")).containsExactly(
          "4:17: services.web.privileged must be true or false, found 'yes'");
    }

    @Test
    void securityOptGroupsPidAndIpcAreKept() throws ManifestException {
      RuntimeOptions runtime = web("""
              security_opt: ["no-new-privileges:true"]
              group_add: [audio, 1001]
              pid: host
              ipc: shareable
          """);
      assertThat(runtime.securityOpt()).containsExactly("no-new-privileges:true");
      assertThat(runtime.groupAdd()).containsExactly("audio", "1001");
      assertThat(runtime.pid()).isEqualTo("host");
      assertThat(runtime.ipc()).isEqualTo("shareable");
      assertThat(webProblems("    ipc: services:db\n")).singleElement().asString()
          .contains("must be one of [host, none, private, shareable], service:NAME or "
              + "container:NAME, found 'services:db'");
    }

    @Test
    void devicesDefaultToTheSamePathAndRwm() throws ManifestException {
      assertThat(web("    devices: [\"/dev/fuse\", \"/dev/a:/dev/b\", \"/dev/c:/dev/d:r\"]\n")
          .devices()).containsExactly(new Device("/dev/fuse", "/dev/fuse", "rwm"),
              new Device("/dev/a", "/dev/b", "rwm"), new Device("/dev/c", "/dev/d", "r"));
      assertThat(webProblems("    devices: [\"/dev/c:/dev/d:x\"]\n")).hasSize(1);
    }
  }

  @Nested
  class Kernel {

    @Test
    void ulimitsTakeANumberOrSoftAndHard() throws ManifestException {
      assertThat(web("""
              ulimits:
                nproc: 65535
                nofile:
                  soft: 20000
                  hard: 40000
          """).ulimits()).containsExactly(new Ulimit("nofile", 20000, 40000),
              new Ulimit("nproc", 65535, 65535));
    }

    @Test
    void aSoftUlimitAboveTheHardOneIsRefused() {
      assertThat(webProblems("    ulimits:\n      nofile: {soft: 2, hard: 1}\n")).containsExactly(
          "5:15: services.web.ulimits.nofile: soft limit 2 is above the hard limit 1");
    }

    @Test
    void sysctlsTakeAMappingOrAList() throws ManifestException {
      assertThat(web("    sysctls:\n      net.core.somaxconn: 1024\n").sysctls())
          .containsEntry("net.core.somaxconn", "1024");
      assertThat(web("    sysctls:\n      - net.ipv4.tcp_syncookies=0\n").sysctls())
          .containsEntry("net.ipv4.tcp_syncookies", "0");
      assertThat(webProblems("    sysctls:\n      - net.ipv4.tcp_syncookies\n")).containsExactly(
          "5:9: services.web.sysctls[0]: sysctl 'net.ipv4.tcp_syncookies' has no value");
    }

    @Test
    void loggingTakesADriverAndOptions() throws ManifestException {
      assertThat(web("""
              logging:
                driver: json-file
                options:
                  max-size: 10m
                  max-file: 3
          """).logging()).contains(new LogConfig("json-file",
              Map.of("max-size", "10m", "max-file", "3")));
      assertThat(webProblems("    logging:\n      driver: my-plugin\n")).singleElement().asString()
          .startsWith("5:15: services.web.logging.driver 'my-plugin' is not a logging driver");
    }
  }

  @Nested
  class Rollout {

    @Test
    void pullPolicyTakesComposesValues() throws ManifestException {
      assertThat(web("    pull_policy: always\n").pullPolicy()).isEqualTo(PullPolicy.ALWAYS);
      assertThat(web("    pull_policy: if_not_present\n").pullPolicy())
          .isEqualTo(PullPolicy.MISSING);
      assertThat(web("").pullPolicy()).isEqualTo(PullPolicy.MISSING);
      assertThat(webProblems("    pull_policy: sometimes\n")).containsExactly("4:18: services.web"
          + ".pull_policy must be always, never, missing, build or if_not_present, found "
          + "'sometimes'");
    }

    @Test
    void replicasComeFromScaleOrDeployAndMustAgree() throws ManifestException {
      assertThat(web("    scale: 3\n").replicas()).isEqualTo(3);
      assertThat(web("    deploy:\n      replicas: 2\n").replicas()).isEqualTo(2);
      assertThat(web("").replicas()).isEqualTo(1);
      assertThat(webProblems("    scale: 3\n    deploy:\n      replicas: 2\n")).containsExactly(
          "4:12: services.web.scale (3) and services.web.deploy.replicas (2) disagree; set only "
              + "one");
    }

    @Test
    void updateConfigIsReadWithComposesDefaultsButRollbackOnFailure() throws ManifestException {
      assertThat(web("""
              deploy:
                update_config:
                  parallelism: 2
                  delay: 10s
                  order: start-first
          """).updateConfig()).isEqualTo(new UpdateConfig(2, Duration.ofSeconds(10), "rollback",
              Duration.ZERO, "start-first"));
      assertThat(webProblems("    deploy:\n      update_config:\n        order: random\n"))
          .containsExactly("6:16: services.web.deploy.update_config.order must be stop-first or "
              + "start-first, found 'random'");
    }

    @Test
    void swarmOnlyDeployKeysAreRefused() {
      assertThat(webProblems("    deploy:\n      placement: {}\n")).singleElement().asString()
          .startsWith("5:7: unsupported key 'placement' in services.web.deploy");
      assertThat(webProblems("    deploy:\n      mode: global\n")).singleElement().asString()
          .startsWith("5:13: services.web.deploy.mode 'global' is not supported");
    }
  }

  @Nested
  class DependsOn {

    @Test
    void theListFormMeansStarted() throws ManifestException {
      assertThat(READER.read("shop", FILE, """
          services:
            web: {image: busybox, depends_on: [db]}
            db: {image: busybox}
          """).service("web").orElseThrow().runtime().dependsOn())
          .containsExactly(Map.entry("db", Dependency.STARTED));
    }

    @Test
    void theMappingFormKeepsConditionRestartAndRequired() throws ManifestException {
      assertThat(READER.read("shop", FILE, """
          services:
            web:
              image: busybox
              depends_on:
                db:
                  condition: service_healthy
                  restart: true
                migrate:
                  condition: service_completed_successfully
                  required: false
            db: {image: busybox}
            migrate: {image: busybox}
          """).service("web").orElseThrow().runtime().dependsOn()).containsExactly(
              Map.entry("db", new Dependency("service_healthy", true, true)),
              Map.entry("migrate", new Dependency("service_completed_successfully", false,
                  false)));
    }

    @Test
    void anUnknownServiceIsRefusedWithASuggestion() {
      assertThat(problems("""
          services:
            web: {image: busybox, depends_on: [dbb]}
            db: {image: busybox}
          """)).containsExactly("2:38: services.web.depends_on names service 'dbb', which the "
              + "file does not declare (did you mean 'db'?)");
    }

    @Test
    void aCycleIsRefusedWhereItCloses() {
      assertThat(problems("""
          services:
            a: {image: busybox, depends_on: [b]}
            b: {image: busybox, depends_on: [c]}
            c: {image: busybox, depends_on: [a]}
          """)).containsExactly(
              "4:36: services.c.depends_on closes a dependency cycle: a -> b -> c -> a");
    }

    @Test
    void aBadConditionIsReportedAtItsField() {
      assertThat(problems("""
          services:
            web:
              image: busybox
              depends_on:
                db: {condition: healthy}
            db: {image: busybox}
          """)).containsExactly("5:23: services.web.depends_on.db.condition must be "
              + "service_started, service_healthy or service_completed_successfully, found "
              + "'healthy'");
    }
  }

  /** {@code pid}, {@code ipc} and {@code network_mode} set to {@code service:NAME}. */
  @Nested
  class AnotherServicesNamespace {

    private RuntimeOptions of(String service, String yaml) throws ManifestException {
      return READER.read("shop", FILE, yaml).service(service).orElseThrow().runtime();
    }

    @Test
    void isKeptAndOrdersTheServiceAfterTheOneItNames() throws ManifestException {
      RuntimeOptions runtime = of("web", """
          services:
            web: {image: busybox, pid: "service:db", ipc: "service:cache"}
            db: {image: busybox}
            cache: {image: busybox, ipc: shareable}
          """);

      assertThat(runtime.pid()).isEqualTo("service:db");
      assertThat(runtime.ipc()).isEqualTo("service:cache");
      assertThat(runtime.dependsOn()).containsOnly(Map.entry("db", Dependency.STARTED),
          Map.entry("cache", Dependency.STARTED));
    }

    @Test
    void networkModeOfAServiceOrdersItToo() throws ManifestException {
      assertThat(of("web", """
          services:
            web: {image: busybox, network_mode: "service:db"}
            db: {image: busybox}
          """).dependsOn()).containsOnly(Map.entry("db", Dependency.STARTED));
    }

    @Test
    void anExplicitDependsOnOfTheSameServiceKeepsItsCondition() throws ManifestException {
      assertThat(of("web", """
          services:
            web:
              image: busybox
              pid: "service:db"
              depends_on: {db: {condition: service_healthy}}
            db: {image: busybox}
          """).dependsOn()).containsOnly(
              Map.entry("db", new Dependency("service_healthy", false, true)));
    }

    @Test
    void anUnknownServiceIsRefusedWithASuggestion() {
      assertThat(problems("""
          services:
            web: {image: busybox, pid: "service:dbb"}
            db: {image: busybox}
          """)).containsExactly("2:30: services.web.pid names service 'dbb', which the file "
              + "does not declare (did you mean 'db'?)");
    }

    @Test
    void aServiceThatNamesItsOwnContainerCannotBeFollowedYet() {
      assertThat(problems("""
          services:
            web: {image: busybox, network_mode: "service:db", ipc: "service:db"}
            db: {image: busybox, container_name: shop-db, ipc: shareable}
          """)).containsExactly(
              "2:39: services.web.network_mode: service 'db' sets container_name, which "
                  + "service:NAME cannot follow yet; write container:<its container_name>",
              "2:58: services.web.ipc: service 'db' sets container_name, which service:NAME "
                  + "cannot follow yet; write container:<its container_name>");
    }

    @Test
    void theServiceItselfIsRefused() {
      assertThat(problems("""
          services:
            web: {image: busybox, ipc: "service:web"}
          """)).containsExactly("2:30: services.web.ipc: 'web' is the service itself");
    }

    @Test
    void aServiceOnlyInAnInactiveProfileIsRefused() {
      assertThat(problems("""
          services:
            web: {image: busybox, pid: "service:debug"}
            debug: {image: busybox, profiles: [debug]}
          """)).singleElement().asString().contains("services.web.pid names service 'debug', "
              + "which is only in profiles [debug]");
    }

    @Test
    void aCycleThroughANamespaceIsRefused() {
      assertThat(problems("""
          services:
            a: {image: busybox, pid: "service:b"}
            b: {image: busybox, depends_on: [a]}
          """)).singleElement().asString().contains("closes a dependency cycle");
    }
  }

  @Nested
  class Profiles {

    @Test
    void aServiceInAProfileIsNotDeployedAndAWarningSaysWhy() throws ManifestException {
      ComposeReader.Result result = READER.readWithWarnings("shop", FILE, """
          services:
            web: {image: busybox}
            debug: {image: busybox, profiles: [debug, tools]}
          """, Map.of());
      assertThat(result.app().services()).extracting(s -> s.name()).containsExactly("web");
      assertThat(result.warnings()).extracting(ManifestProblem::toString).containsExactly(
          FILE + ":3:3: service 'debug' is not deployed: it is in profiles [debug, tools] and no "
              + "profile is active (driftless.yaml activates them per app: apps.<app>.profiles)");
    }

    @Test
    void aDeployedServiceCannotDependOnAServiceInAProfile() {
      assertThat(problems("""
          services:
            web: {image: busybox, depends_on: [debug]}
            debug: {image: busybox, profiles: [debug]}
          """)).containsExactly("2:38: services.web.depends_on names service 'debug', which is "
              + "only in profiles [debug], none of them active, and so is not deployed");
    }

    private ComposeReader.Result withProfiles(String yaml, String... active)
        throws ManifestException {
      return READER.readWithWarnings("shop", List.of(new ComposeReader.ComposeFile(FILE, yaml)),
          EnvValues.of(Map.of()), EnvFiles.NONE, BuildContexts.NONE, ProjectFiles.NONE,
          Set.of(active));
    }

    private static final String SERVICES = """
        services:
          web: {image: busybox}
          debug: {image: busybox, profiles: [debug, tools]}
          metrics: {image: busybox, profiles: [monitoring]}
        """;

    @Test
    void anActiveProfileDeploysItsServicesAndThoseInNoProfile() throws ManifestException {
      ComposeReader.Result result = withProfiles(SERVICES, "tools");

      assertThat(result.app().services()).extracting(s -> s.name())
          .containsExactlyInAnyOrder("web", "debug");
      assertThat(result.warnings()).extracting(ManifestProblem::message).containsExactly(
          "service 'metrics' is not deployed: it is in profiles [monitoring] and none of them is "
              + "active (driftless.yaml activates them per app: apps.<app>.profiles)");
      assertThat(result.profiles()).containsExactly("debug", "monitoring", "tools");
    }

    @Test
    void severalProfilesCanBeActive() throws ManifestException {
      assertThat(withProfiles(SERVICES, "debug", "monitoring").app().services())
          .extracting(s -> s.name()).containsExactlyInAnyOrder("web", "debug", "metrics");
    }

    @Test
    void aProfileNoServiceIsInChangesNothing() throws ManifestException {
      assertThat(withProfiles(SERVICES, "debgu").app().services()).extracting(s -> s.name())
          .containsExactly("web");
    }

    @Test
    void aServiceMayDependOnOneInAnActiveProfile() throws ManifestException {
      assertThat(withProfiles("""
          services:
            web: {image: busybox, depends_on: [debug]}
            debug: {image: busybox, profiles: [debug]}
          """, "debug").app().services()).hasSize(2);
    }
  }
}
