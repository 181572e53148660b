package dev.driftless.manifests.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepoConfigReaderTest {

  private static final Set<String> FILES = Set.of("shop/compose.yaml", "shop/compose.prod.yaml",
      "blog/docker-compose.yml", "env/base.env", "env/production.env", "env/staging.env");

  private static final RepoFiles REPO = new RepoFiles() {
    @Override
    public boolean exists(String path) {
      return FILES.contains(path);
    }

    @Override
    public Optional<String> defaultComposeFile(String directory) {
      return List.of("compose.yaml", "docker-compose.yml").stream()
          .filter(name -> FILES.contains(directory + "/" + name)).findFirst();
    }
  };

  static final String EVERY_FIELD = """
      apps:
        shop:
          path: ./shop/
          compose: [compose.yaml, compose.prod.yaml]
          environments: [staging, production]
          targets: [local]
          groups: [edge]
          prune: false
          selfHeal: false
          rollout:
            order: start-first
            healthDeadline: 1m30s
            minUptime: 15s
          profiles: [debug, tools]
        blog: {}
      environments:
        production:
          envFiles: [env/base.env, env/production.env]
          hostVariables: [HOSTNAME, DEPLOY_TOKEN]
        staging:
          envFiles: env/staging.env
      targets:
        edge-1:
          host: tcp://10.0.0.5:2376
          tls: {ca: /etc/driftless/ca.pem, cert: /etc/driftless/cert.pem, key: /etc/driftless/key.pem}
        edge-2:
          host: unix:///run/docker-edge.sock
      groups:
        edge:
          targets: [edge-1, edge-2]
          environment: production
          order: parallel
      policies:
        allowedBindMounts: [/srv/data, /var/log/apps]
        allowPrivileged: true
        allowHostNetwork: false
        allowHostPid: true
        allowHostIpc: false
      """;

  private static List<String> problems(String yaml) {
    ManifestException e =
        catchThrowableOfType(ManifestException.class, () -> RepoConfigReader.read(yaml, REPO));
    assertThat(e).as("reading should fail").isNotNull();
    return e.problems().stream().map(ManifestProblem::toString).toList();
  }

  @Test
  void allowedBindMountsMustBeWrittenAsThePathsTheyName() throws ManifestException {
    assertThat(problems("""
        policies:
          allowedBindMounts: [/srv/./data, //srv, /srv/.., /srv/data/, /]
        """)).containsExactly(
            "driftless.yaml:2:23: policies.allowedBindMounts: '/srv/./data' must be written "
                + "without '.' segments or doubled '/', as the path it names",
            "driftless.yaml:2:36: policies.allowedBindMounts: '//srv' must be written without "
                + "'.' segments or doubled '/', as the path it names",
            "driftless.yaml:2:43: policies.allowedBindMounts: '/srv/..' must be an absolute host "
                + "path such as /srv/data");
    assertThat(RepoConfigReader.read("policies:\n  allowedBindMounts: [/srv/data/, /]\n", REPO)
        .policies().allowedBindMounts()).containsExactly("/srv/data/", "/");
  }

  @Test
  void profilesMustBeComposeProfileNamesEachNamedOnce() {
    assertThat(problems("""
        apps:
          shop:
            profiles: [debug, "-x", debug]
        """)).containsExactly(
            "driftless.yaml:3:23: apps.shop.profiles: '-x' is not a profile name: use "
                + "letters, digits, '_', '.' and '-', starting with a letter or a digit",
            "driftless.yaml:3:29: apps.shop.profiles names 'debug' twice");
  }

  @Test
  void readsEveryField() throws ManifestException {
    RepoConfig config = RepoConfigReader.read(EVERY_FIELD, REPO);

    assertThat(config.discoverApps()).isFalse();
    assertThat(config.apps().get("shop")).isEqualTo(new AppConfig("shop", "shop",
        List.of("compose.yaml", "compose.prod.yaml"), List.of("staging", "production"),
        List.of("local"), List.of("edge"), new SyncPolicy(false, false, new RolloutPolicy(
            RolloutPolicy.Order.START_FIRST, Optional.of(Duration.ofSeconds(90)),
            Optional.of(Duration.ofSeconds(15)))),
        List.of("debug", "tools")));
    assertThat(config.apps().get("blog")).isEqualTo(new AppConfig("blog", "blog",
        List.of("docker-compose.yml"), List.of(), List.of(), List.of(), SyncPolicy.DEFAULT));
    assertThat(config.environments().get("production")).isEqualTo(new EnvironmentConfig(
        "production", List.of("env/base.env", "env/production.env"),
        Set.of("HOSTNAME", "DEPLOY_TOKEN")));
    assertThat(config.environments().get("staging").envFiles()).containsExactly(
        "env/staging.env");
    assertThat(config.targets()).containsOnlyKeys("local", "edge-1", "edge-2");
    assertThat(config.targets().get("edge-1")).isEqualTo(new TargetConfig("edge-1",
        URI.create("tcp://10.0.0.5:2376"), Optional.of(new TargetConfig.TlsFiles(
            "/etc/driftless/ca.pem", "/etc/driftless/cert.pem", "/etc/driftless/key.pem"))));
    assertThat(config.targets().get("local").isLocalDefault()).isTrue();
    assertThat(config.groups().get("edge")).isEqualTo(new GroupConfig("edge",
        List.of("edge-1", "edge-2"), Optional.of("production"), GroupConfig.Order.PARALLEL));
    assertThat(config.policies()).isEqualTo(
        new Policies(List.of("/srv/data", "/var/log/apps"), true, false, true, false));
  }

  @Test
  void rendersAnAppForEachEnvironmentNamedAfterBoth() throws ManifestException {
    RepoConfig config = RepoConfigReader.read(EVERY_FIELD, REPO);

    assertThat(Deployment.of(config, config.apps().get("shop"))).containsExactly(
        new Deployment("shop-staging", "shop", Optional.of("staging"), List.of("local")),
        new Deployment("shop-production", "shop", Optional.of("production"),
            List.of("local", "edge-1", "edge-2")));
    assertThat(Deployment.of(config, config.apps().get("blog"))).containsExactly(
        new Deployment("blog", "blog", Optional.empty(), List.of("local")));
  }

  @Test
  void withoutAppsDiscoversThemAndAnEmptyFileChangesNothing() throws ManifestException {
    assertThat(RepoConfigReader.read("policies: {allowPrivileged: true}\n", REPO).discoverApps())
        .isTrue();
    assertThat(RepoConfigReader.read("", REPO)).isEqualTo(RepoConfig.NONE);
  }

  @Test
  void leavesUnsetRolloutTimingsToTheDaemonAndRefusesADeadlineShorterThanTheUptime()
      throws ManifestException {
    RepoConfig onlyOrder = RepoConfigReader.read("""
        apps:
          shop:
            rollout: {order: start-first}
        """, REPO);
    assertThat(onlyOrder.apps().get("shop").sync().rollout()).isEqualTo(new RolloutPolicy(
        RolloutPolicy.Order.START_FIRST, Optional.empty(), Optional.empty()));

    assertThat(problems("""
        apps:
          shop:
            rollout: {healthDeadline: 5s, minUptime: 30s}
        """)).containsExactly("driftless.yaml:3:31: apps.shop.rollout.healthDeadline (5s) is "
        + "shorter than minUptime (30s): a container could never prove healthy in time");
  }

  @Test
  void reportsEveryProblemAtOnceWithItsPositionAndASuggestion() {
    assertThat(problems("""
        apps:
          shop:
            compose: [compose.yaml, missing.yaml]
            environments: [prodution]
            prnue: true
            selfHeal: yes
            rollout: {order: startfirst, healthDeadline: 2 minutes}
        enviroments: {}
        environments:
          production:
            envFiles: [env/base.env, env/nope.env, ../secrets.env]
            hostVariables: [OK, 1BAD]
        targets:
          edge:
            hots: tcp://x:1
          far:
            host: http://far:2375
            tls: {ca: a}
        groups:
          g:
            targets: [edg]
            order: random
        policies:
          allowedBindMounts: [srv]
          allowPriviledged: true
        """)).containsExactly(
        "driftless.yaml:3:29: apps.shop.compose: 'shop/missing.yaml' is not in the repository",
        "driftless.yaml:4:20: apps.shop.environments: unknown environment 'prodution' (did you "
            + "mean 'production'?)",
        "driftless.yaml:5:5: unknown key 'prnue' in apps.shop (did you mean 'prune'?)",
        "driftless.yaml:6:15: apps.shop.selfHeal must be true or false, found 'yes'",
        "driftless.yaml:7:22: apps.shop.rollout.order must be one of stop-first, start-first, "
            + "found 'startfirst' (did you mean 'start-first'?)",
        "driftless.yaml:7:50: apps.shop.rollout.healthDeadline must be a duration such as 90s, "
            + "1m30s or 2h, found '2 minutes'",
        "driftless.yaml:8:1: unknown key 'enviroments' in the top level of driftless.yaml (did you "
            + "mean 'environments'?)",
        "driftless.yaml:11:30: environments.production.envFiles: env file 'env/nope.env' is not "
            + "in the repository",
        "driftless.yaml:11:44: environments.production.envFiles: '../secrets.env' must be a path "
            + "inside the repository, relative to its root, without '..'",
        "driftless.yaml:12:25: environments.production.hostVariables: '1BAD' is not a variable "
            + "name ([_a-zA-Z][_a-zA-Z0-9]*)",
        "driftless.yaml:14:3: targets.edge needs a host (unix:///var/run/docker.sock or "
            + "tcp://host:2376)",
        "driftless.yaml:15:5: unknown key 'hots' in targets.edge (did you mean 'host'?)",
        "driftless.yaml:17:11: targets.far.host must be unix:///path/to/docker.sock or "
            + "tcp://host:port, found 'http://far:2375'",
        "driftless.yaml:18:10: targets.far.tls needs cert, key (the CA, client certificate and "
            + "key files on the Driftless host)",
        "driftless.yaml:21:15: groups.g.targets: unknown target 'edg' (declared: local)",
        "driftless.yaml:22:12: groups.g.order must be one of sequential, parallel, found 'random'",
        "driftless.yaml:24:23: policies.allowedBindMounts: 'srv' must be an absolute host path "
            + "such as /srv/data",
        "driftless.yaml:25:3: unknown key 'allowPriviledged' in policies (did you mean "
            + "'allowPrivileged'?)");
  }

  @Test
  void refusesAppsWhoseRenderedNamesClash() {
    assertThat(problems("""
        environments:
          production: {envFiles: [env/production.env]}
          staging: {envFiles: [env/staging.env]}
        apps:
          shop:
            environments: [production, staging]
          shop-production:
            path: shop
        """)).containsExactly("driftless.yaml:7:3: apps.shop-production renders an app named "
            + "'shop-production', as apps.shop does: rename one");
  }

  @Test
  void refusesAnEnvironmentThatNoTargetServes() {
    assertThat(problems("""
        environments:
          production: {}
          staging: {}
        groups:
          edge: {targets: [local], environment: production}
        apps:
          shop:
            environments: [production, staging]
            groups: [edge]
        """)).containsExactly("driftless.yaml:7:3: apps.shop: environment 'staging' has no "
            + "target: list targets, or a group whose environment is 'staging'");
  }

  @Test
  void refusesAnAppFolderWithoutAComposeFileAndANameComposeWouldRefuse() {
    assertThat(problems("""
        apps:
          nothing-here: {path: docs}
          Shop: {}
        """)).containsExactly(
        "driftless.yaml:2:3: apps.nothing-here: no Compose file (compose.yaml, "
            + "docker-compose.yml, ...) in 'docs'; name one with compose",
        "driftless.yaml:3:3: app name 'Shop' is not a valid Compose project name: use lower-case "
            + "letters, digits, '_' and '-'");
  }

  @Test
  void policiesAllowABindMountOnlyUnderAnAllowedPrefix() {
    Policies policies = new Policies(List.of("/srv/data/"), false, false, false, false);

    assertThat(policies.allowsBindMount("/srv/data")).isTrue();
    assertThat(policies.allowsBindMount("/srv/data/db")).isTrue();
    assertThat(policies.allowsBindMount("/srv/database")).isFalse();
    assertThat(policies.allowsBindMount("/srv/data/../../etc")).isFalse();
    assertThat(Policies.DENY_ALL.allowsBindMount("/srv/data")).isFalse();
  }
}
