package dev.driftless.manifests.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.config.GroupConfig;
import dev.driftless.manifests.config.Policies;
import dev.driftless.manifests.config.TargetConfig;
import dev.driftless.manifests.model.DesiredApp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rendering a repository that has a {@code driftless.yaml}. */
class RepoConfigRenderTest {

  private static final String CONFIG = """
      environments:
        staging:
          envFiles: [env/base.env, env/staging.env]
        production:
          envFiles: [env/base.env, env/production.env]
          hostVariables: [NODE_NAME]
      targets:
        edge:
          host: tcp://edge.example:2376
          tls: {ca: /etc/d/ca.pem, cert: /etc/d/cert.pem, key: /etc/d/key.pem}
      apps:
        shop:
          environments: [staging, production]
          targets: [local, edge]
      policies:
        allowedBindMounts: [/srv]
      """;

  private static final String SHOP = """
      services:
        web:
          image: shop:${TAG}
          environment:
            GREETING: ${GREETING:-hello}
            NODE: ${NODE_NAME:-unknown}
            HOME_DIR: ${HOME:-not-from-the-daemon}
      """;

  private static InMemoryRepoTree repo(String... more) {
    List<String> files = new java.util.ArrayList<>(List.of(
        "driftless.yaml", CONFIG,
        "env/base.env", "TAG=1.0\nGREETING=base\n",
        "env/staging.env", "TAG=${TAG}-rc\n",
        "env/production.env", "GREETING=prod\n",
        "shop/compose.yaml", SHOP,
        "shop/.env", "TAG_SUFFIX=x\n"));
    files.addAll(List.of(more));
    return InMemoryRepoTree.of(files.toArray(String[]::new));
  }

  private static Map<String, String> environmentOf(RenderedRepo rendered, String app) {
    DesiredApp found = rendered.apps().stream().filter(a -> a.name().equals(app)).findFirst()
        .orElseThrow(() -> new AssertionError(app + " did not render: " + rendered.failures()));
    return found.service("web").orElseThrow().environment();
  }

  @Test
  void rendersTheAppOncePerEnvironmentFromItsLayersInOrder() {
    RenderedRepo rendered = DesiredStateRenderer.render(repo(), "fleet",
        Map.of("NODE_NAME", "node-7", "HOME", "/root"));

    assertThat(rendered.failures()).isEmpty();
    assertThat(rendered.apps()).extracting(DesiredApp::name)
        .containsExactly("shop-production", "shop-staging");
    assertThat(rendered.apps().get(1).service("web").orElseThrow().image())
        .isEqualTo("shop:1.0-rc");
    assertThat(rendered.apps().get(0).service("web").orElseThrow().image())
        .isEqualTo("shop:1.0");
    assertThat(environmentOf(rendered, "shop-staging")).containsEntry("GREETING", "base")
        .containsEntry("NODE", "unknown").containsEntry("HOME_DIR", "not-from-the-daemon");
    assertThat(environmentOf(rendered, "shop-production")).containsEntry("GREETING", "prod")
        .containsEntry("NODE", "node-7").containsEntry("HOME_DIR", "not-from-the-daemon");
  }

  @Test
  void theAppFoldersDotEnvComesAfterTheEnvironmentsLayers() {
    RenderedRepo rendered = DesiredStateRenderer.render(
        repo("shop/.env", "GREETING=from-the-folder\n"), "fleet");

    assertThat(environmentOf(rendered, "shop-production")).containsEntry("GREETING",
        "from-the-folder");
  }

  @Test
  void placesEachRenderedAppOnItsTargetsWithThePolicies() {
    RenderedRepo rendered = DesiredStateRenderer.render(repo(), "fleet");

    AppPlacement placement = rendered.placement("shop-production");
    assertThat(placement.app()).isEqualTo("shop");
    assertThat(placement.environment()).contains("production");
    assertThat(placement.targets()).extracting(TargetConfig::name).containsExactly("local", "edge");
    assertThat(placement.isLocalOnly()).isFalse();
    assertThat(placement.policies().allowedBindMounts()).containsExactly("/srv");
  }

  @Test
  void aGroupOrderDecidesHowTheRevisionMovesThroughItsTargets() {
    String config = """
        targets:
          a: {host: "unix:///run/a.sock"}
          b: {host: "unix:///run/b.sock"}
        groups:
          one-by-one: {targets: [a, b]}
          together: {targets: [b, a], order: parallel}
        apps:
          careful: {groups: [one-by-one]}
          eager: {groups: [together]}
          listed: {targets: [a, b]}
        """;
    RenderedRepo rendered = DesiredStateRenderer.render(InMemoryRepoTree.of("driftless.yaml", config,
        "careful/compose.yaml", "services: {web: {image: busybox}}\n",
        "eager/compose.yaml", "services: {web: {image: busybox}}\n",
        "listed/compose.yaml", "services: {web: {image: busybox}}\n"), "fleet");

    assertThat(rendered.failures()).isEmpty();
    assertThat(rendered.placement("careful").order()).isEqualTo(GroupConfig.Order.SEQUENTIAL);
    assertThat(rendered.placement("eager").order()).isEqualTo(GroupConfig.Order.PARALLEL);
    assertThat(rendered.placement("eager").targets()).extracting(TargetConfig::name)
        .containsExactly("b", "a");
    assertThat(rendered.placement("listed").order()).isEqualTo(GroupConfig.Order.SEQUENTIAL);
  }

  @Test
  void withoutDriftlessYamlEveryAppRunsLocallyWithEveryPrivilegeDenied() {
    RenderedRepo rendered = DesiredStateRenderer.render(InMemoryRepoTree.of(
        "blog/compose.yaml", "services: {blog: {image: ghost}}\n"), "fleet");

    assertThat(rendered.apps()).extracting(DesiredApp::name).containsExactly("blog");
    assertThat(rendered.placement("blog")).isEqualTo(AppPlacement.local("blog"));
    assertThat(rendered.placement("blog").isLocalOnly()).isTrue();
    assertThat(rendered.placement("blog").policies()).isEqualTo(Policies.DENY_ALL);
  }

  @Test
  void aBrokenDriftlessYamlFailsTheWholeRepositorySoNothingIsPruned() {
    RenderedRepo rendered = DesiredStateRenderer.render(
        repo("driftless.yaml", "apps:\n  shop:\n    enviroments: [staging]\n"), "fleet");

    assertThat(rendered.apps()).isEmpty();
    assertThat(rendered.failures()).containsOnlyKeys("driftless.yaml");
    assertThat(rendered.failures().get("driftless.yaml")).extracting(ManifestProblem::toString)
        .containsExactly("driftless.yaml:3:5: unknown key 'enviroments' in apps.shop (did you "
            + "mean 'environments'?)");
  }

  @Test
  void failsBothAppsThatPublishOneHostPortOnOneTarget() {
    RenderedRepo rendered = DesiredStateRenderer.render(InMemoryRepoTree.of(
        "shop/compose.yaml", """
            services:
              web:
                image: nginx
                ports: ["8080:80"]
            """,
        "blog/compose.yaml", """
            services:
              blog:
                image: ghost
                ports:
                  - 127.0.0.1:8080:2368
                  - 9000:9000/udp
              admin:
                image: ghost
                ports: ["9000:9000/tcp"]
            """), "fleet");

    assertThat(rendered.apps()).isEmpty();
    assertThat(rendered.failures().get("shop")).extracting(ManifestProblem::toString)
        .containsExactly("shop/compose.yaml:4:12: service 'web' publishes host port 8080/tcp on "
            + "target 'local', as service 'blog' of app 'blog' (blog/compose.yaml:5:7) does: two "
            + "containers cannot listen on one host port");
    assertThat(rendered.failures().get("blog")).extracting(ManifestProblem::toString)
        .containsExactly("blog/compose.yaml:5:7: service 'blog' publishes host port "
            + "127.0.0.1:8080/tcp on target 'local', as service 'web' of app 'shop' "
            + "(shop/compose.yaml:4:12) does: two containers cannot listen on one host port");
  }

  @Test
  void aPortIsFreeAgainOnAnotherTargetOrAnotherAddress() {
    RenderedRepo rendered = DesiredStateRenderer.render(InMemoryRepoTree.of(
        "driftless.yaml", """
            targets:
              edge: {host: "unix:///run/edge.sock"}
            apps:
              shop: {targets: [local]}
              blog: {targets: [edge]}
              api: {}
            """,
        "shop/compose.yaml", "services: {web: {image: nginx, ports: ['8080:80']}}\n",
        "blog/compose.yaml", "services: {web: {image: nginx, ports: ['8080:80']}}\n",
        "api/compose.yaml", "services: {web: {image: nginx, ports: ['10.0.0.1:8080:80']}}\n"),
        "fleet");

    assertThat(rendered.failures()).containsOnlyKeys("api", "shop");
    assertThat(rendered.apps()).extracting(DesiredApp::name).containsExactly("blog");
    assertThat(rendered.placement("blog").targets()).extracting(TargetConfig::name)
        .containsExactly("edge");
    assertThat(rendered.placement("blog").environment()).isEqualTo(Optional.empty());
  }

  @Test
  void mergesTheComposeFilesAnAppNamesInOrder() {
    RenderedRepo rendered = DesiredStateRenderer.render(InMemoryRepoTree.of(
        "driftless.yaml", "apps:\n  shop:\n    compose: [compose.yaml, compose.prod.yaml]\n",
        "shop/compose.yaml", "services: {web: {image: nginx, labels: {tier: web}}}\n",
        "shop/compose.prod.yaml", "services:\n  web:\n    image: nginx:1.27\n    prots: []\n"),
        "fleet");

    assertThat(rendered.failures().get("shop")).extracting(ManifestProblem::toString)
        .containsExactly("shop/compose.prod.yaml:4:5: unknown key 'prots' in service 'web' (did "
            + "you mean 'ports'?)");
  }
}
