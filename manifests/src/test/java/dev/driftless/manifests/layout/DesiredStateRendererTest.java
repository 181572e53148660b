package dev.driftless.manifests.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.model.DesiredApp;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DesiredStateRendererTest {

  @Test
  void rendersEveryAppOfTheRepository() {
    RenderedRepo rendered = DesiredStateRenderer.render(InMemoryRepoTree.of(
        "web/compose.yaml", "services:\n  web:\n    image: nginx\n",
        "db/compose.yaml", "services:\n  db:\n    image: postgres\n"), "fleet");

    assertThat(rendered.apps()).extracting(DesiredApp::name).containsExactly("db", "web");
    assertThat(rendered.apps().get(1).service("web")).isPresent();
    assertThat(rendered.failures()).isEmpty();
  }

  @Test
  void isolatesABadAppFromTheGoodOnesWithRepoRelativeFileNames() {
    RenderedRepo rendered = DesiredStateRenderer.render(InMemoryRepoTree.of(
        "good/compose.yaml", "services:\n  web:\n    image: nginx\n",
        "hello/compose.yaml", "services:\n  web:\n    image: nginx\n    volumes_from: []\n",
        "broken/compose.yaml", "services: [\n"), "fleet");

    assertThat(rendered.apps()).extracting(DesiredApp::name).containsExactly("good");
    assertThat(rendered.failures()).containsOnlyKeys("broken", "hello");
    assertThat(rendered.failures().get("hello")).containsExactly(new ManifestProblem(
        "hello/compose.yaml", 4, 5,
        "unsupported key 'volumes_from' in service 'web' (Driftless does not support it yet)"));
    assertThat(rendered.failures().get("broken")).singleElement()
        .satisfies(problem -> assertThat(problem.file()).isEqualTo("broken/compose.yaml"));
  }

  @Test
  void keepsLayoutFailuresSoThatClashingAppsAreNotPruned() {
    RenderedRepo rendered = DesiredStateRenderer.render(InMemoryRepoTree.of(
        "a/web/compose.yaml", "services: {}\n",
        "b/web/compose.yaml", "services: {}\n",
        "api/compose.yaml", "services: {}\n"), "fleet");

    assertThat(rendered.apps()).extracting(DesiredApp::name).containsExactly("api");
    assertThat(rendered.failures()).containsOnlyKeys("web");
  }

  @Test
  void reportsAFileTheTreeListsButCannotRead() {
    RepoTree flaky = new RepoTree() {
      @Override
      public List<String> paths() {
        return List.of("web/compose.yaml");
      }

      @Override
      public Optional<String> readText(String path) {
        return Optional.empty();
      }
    };

    RenderedRepo rendered = DesiredStateRenderer.render(flaky, "fleet");

    assertThat(rendered.apps()).isEmpty();
    assertThat(rendered.failures()).containsOnlyKeys("web");
  }

  @Test
  void rendersAnAppWithNoServicesAsSuchRatherThanAsAFailure() {
    RenderedRepo rendered = DesiredStateRenderer.render(
        InMemoryRepoTree.of("web/compose.yaml", "services: {}\n"), "fleet");

    assertThat(rendered.apps()).singleElement()
        .satisfies(app -> assertThat(app.services()).isEmpty());
  }

  @Test
  void interpolatesAnAppFromTheEnvFileOfItsFolderOnly() {
    RenderedRepo rendered = DesiredStateRenderer.render(InMemoryRepoTree.of(
        "web/compose.yaml", "services:\n  web:\n    image: nginx:${TAG}\n",
        "web/.env", "TAG=1.27\n",
        "api/compose.yaml", "services:\n  api:\n    image: api:${TAG:-dev}\n"), "fleet");

    assertThat(rendered.failures()).isEmpty();
    assertThat(rendered.apps()).extracting(app -> app.services().get(0).image())
        .containsExactly("api:dev", "nginx:1.27");
    assertThat(rendered.warnings()).isEmpty();
  }

  @Test
  void interpolatesARootAppFromTheRootEnvFile() {
    RenderedRepo rendered = DesiredStateRenderer.render(InMemoryRepoTree.of(
        "compose.yaml", "services:\n  web:\n    image: nginx:${TAG}\n",
        ".env", "export TAG=\"1.27\" # pinned\n"), "fleet");

    assertThat(rendered.apps()).singleElement()
        .satisfies(app -> assertThat(app.services().get(0).image()).isEqualTo("nginx:1.27"));
  }

  @Test
  void keepsTheWarningsOfAnAppThatRendered() {
    RenderedRepo rendered = DesiredStateRenderer.render(InMemoryRepoTree.of(
        "web/compose.yaml", "services:\n  web:\n    image: nginx:1${MINOR}\n",
        "web/.env", "A=$UNSET\n"), "fleet");

    assertThat(rendered.apps()).extracting(DesiredApp::name).containsExactly("web");
    assertThat(rendered.warnings()).containsOnlyKeys("web");
    assertThat(rendered.warnings().get("web")).containsExactly(
        new ManifestProblem("web/.env", 1, 3,
            "the \"UNSET\" variable is not set; it defaults to a blank string"),
        new ManifestProblem("web/compose.yaml", 3, 12,
            "services.web.image: the \"MINOR\" variable is not set; it defaults to a blank "
                + "string"));
  }

  @Test
  void failsOnlyTheAppWhoseEnvFileIsMalformedNamingItsPosition() {
    RenderedRepo rendered = DesiredStateRenderer.render(InMemoryRepoTree.of(
        "web/compose.yaml", "services:\n  web:\n    image: nginx\n",
        "web/.env", "OK=1\nBAD='unclosed\n",
        "api/compose.yaml", "services:\n  api:\n    image: api\n",
        "api/.env", "OK=1\n"), "fleet");

    assertThat(rendered.apps()).extracting(DesiredApp::name).containsExactly("api");
    assertThat(rendered.failures()).containsOnlyKeys("web");
    assertThat(rendered.failures().get("web")).containsExactly(new ManifestProblem(
        "web/.env", 2, 5, "the quoted value is not closed: a ' is missing"));
  }

  @Test
  void failsAnAppWhoseRequiredVariableTheEnvFileDoesNotSet() {
    RenderedRepo rendered = DesiredStateRenderer.render(InMemoryRepoTree.of(
        "web/compose.yaml", "services:\n  web:\n    image: nginx:${TAG:?set TAG in .env}\n",
        "web/.env", "OTHER=1\n"), "fleet");

    assertThat(rendered.failures().get("web")).containsExactly(new ManifestProblem(
        "web/compose.yaml", 3, 12,
        "services.web.image: required variable TAG is missing a value: set TAG in .env"));
  }

  @Test
  void readsTheDeclaredTargetsWithoutRenderingTheAppsAndAlwaysHasTheLocalOne() {
    assertThat(DesiredStateRenderer.targets(InMemoryRepoTree.of(
        "driftless.yaml", "targets:\n  edge: {host: \"tcp://edge.example:2376\"}\n",
        "web/compose.yaml", "services: [\n")))
        .containsOnlyKeys("edge", "local")
        .hasEntrySatisfying("edge", edge -> assertThat(edge.host()).hasToString("tcp://edge.example:2376"));
    assertThat(DesiredStateRenderer.targets(InMemoryRepoTree.of(
        "web/compose.yaml", "services:\n  web:\n    image: nginx\n"))).containsOnlyKeys("local");
    assertThat(DesiredStateRenderer.targets(InMemoryRepoTree.of("driftless.yaml", "targets: [\n")))
        .as("a broken driftless.yaml: its error is the renderer's to report").containsOnlyKeys("local");
  }
}
