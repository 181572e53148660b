package dev.driftless.manifests.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.model.DesiredService;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code apps.<app>.profiles} in {@code driftless.yaml}: Compose profiles activated per app. */
class ProfileRenderTest {

  private static final String COMPOSE = """
      services:
        web: {image: busybox:1.36}
        debug: {image: busybox:1.36, profiles: [debug]}
        admin: {image: busybox:1.36, profiles: [admin], privileged: true}
      """;

  private static RenderedRepo render(String config) {
    return DesiredStateRenderer.render(InMemoryRepoTree.of(
        "driftless.yaml", config, "shop/compose.yaml", COMPOSE, "blog/compose.yaml", COMPOSE),
        "repo");
  }

  private static List<String> services(RenderedRepo rendered, String app) {
    assertThat(rendered.failures()).isEmpty();
    return rendered.apps().stream().filter(found -> found.name().equals(app)).findFirst()
        .orElseThrow().services().stream().map(DesiredService::name).toList();
  }

  @Test
  void anAppDeploysTheServicesOfTheProfilesItActivatesAndNoOtherAppDoes() {
    RenderedRepo rendered = render("""
        apps:
          shop: {profiles: [debug]}
          blog: {}
        """);

    assertThat(services(rendered, "shop")).containsExactlyInAnyOrder("web", "debug");
    assertThat(services(rendered, "blog")).containsExactly("web");
  }

  @Test
  void aProfileNoServiceIsInIsAWarningWithTheClosestOne() {
    RenderedRepo rendered = render("""
        apps:
          shop: {profiles: [debgu]}
        """);

    assertThat(services(rendered, "shop")).containsExactly("web");
    assertThat(rendered.warnings().get("shop")).extracting(ManifestProblem::toString).contains(
        "driftless.yaml: apps.shop.profiles: no service of app 'shop' is in profile "
            + "'debgu' (did you mean 'debug'?)");
  }

  @Test
  void theServicesOfAnActiveProfileAreHeldToThePolicies() {
    RenderedRepo rendered = render("""
        apps:
          shop: {profiles: [admin]}
        """);

    assertThat(rendered.failures().get("shop")).singleElement().extracting(ManifestProblem::line)
        .isEqualTo(4);
  }
}
