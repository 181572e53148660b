package dev.driftless.manifests.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.manifests.ManifestProblem;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppLayoutTest {

  private static final String COMPOSE = "services: {}\n";

  @Test
  void findsOneAppPerFolderHoldingAComposeFileSortedByName() {
    DiscoveredApps found = AppLayout.discover(InMemoryRepoTree.of(
        "web/compose.yaml", COMPOSE,
        "api/docker-compose.yml", COMPOSE,
        "docs/README.md", "# not an app"), "fleet");

    assertThat(found.apps()).containsExactly(
        new AppLocation("api", "api", "api/docker-compose.yml"),
        new AppLocation("web", "web", "web/compose.yaml"));
    assertThat(found.failures()).isEmpty();
  }

  @Test
  void namesAnAppAtTheRootAfterTheRepository() {
    DiscoveredApps found = AppLayout.discover(InMemoryRepoTree.of("compose.yml", COMPOSE), "Hello-World");

    assertThat(found.apps()).containsExactly(new AppLocation("hello-world", "", "compose.yml"));
  }

  @Test
  void findsNestedAppsNamedAfterTheirOwnFolder() {
    DiscoveredApps found = AppLayout.discover(InMemoryRepoTree.of(
        "compose.yaml", COMPOSE,
        "apps/shop/compose.yaml", COMPOSE,
        "apps/shop/worker/compose.yaml", COMPOSE), "fleet");

    assertThat(found.apps()).containsExactly(
        new AppLocation("fleet", "", "compose.yaml"),
        new AppLocation("shop", "apps/shop", "apps/shop/compose.yaml"),
        new AppLocation("worker", "apps/shop/worker", "apps/shop/worker/compose.yaml"));
  }

  @ParameterizedTest(name = "{0} wins over {1}")
  @CsvSource({
      "compose.yaml, compose.yml",
      "compose.yml, docker-compose.yml",
      "docker-compose.yml, docker-compose.yaml",
      "compose.yaml, docker-compose.yaml"})
  void picksTheFileComposeWouldPick(String winner, String loser) {
    DiscoveredApps found = AppLayout.discover(InMemoryRepoTree.of(
        "app/" + loser, COMPOSE, "app/" + winner, COMPOSE), "fleet");

    assertThat(found.apps()).containsExactly(new AppLocation("app", "app", "app/" + winner));
  }

  @Test
  void skipsHiddenFoldersAndFiles() {
    DiscoveredApps found = AppLayout.discover(InMemoryRepoTree.of(
        ".github/compose.yaml", COMPOSE,
        "web/.old/compose.yaml", COMPOSE,
        "web/compose.yaml", COMPOSE,
        ".compose.yaml", COMPOSE), "fleet");

    assertThat(found.apps()).extracting(AppLocation::name).containsExactly("web");
  }

  @Test
  void ignoresOtherYamlFiles() {
    DiscoveredApps found = AppLayout.discover(InMemoryRepoTree.of(
        "web/compose.prod.yaml", COMPOSE, "web/app.yaml", COMPOSE), "fleet");

    assertThat(found.apps()).isEmpty();
    assertThat(found.failures()).isEmpty();
  }

  @ParameterizedTest(name = "''{0}'' is named ''{1}''")
  @CsvSource({
      "My App, myapp",
      "my.app, myapp",
      "__private, private",
      "-dash, dash",
      "web_2-b, web_2-b",
      "Café, caf",
      "123, 123"})
  void normalisesNamesLikeComposeProjectNames(String folder, String name) {
    assertThat(AppLayout.projectName(folder)).isEqualTo(name);
    assertThat(AppLayout.discover(InMemoryRepoTree.of(folder + "/compose.yaml", COMPOSE), "fleet").apps())
        .extracting(AppLocation::name).containsExactly(name);
  }

  @Test
  void failsBothFoldersWhoseNamesClashAndKeepsTheOthers() {
    DiscoveredApps found = AppLayout.discover(InMemoryRepoTree.of(
        "My App/compose.yaml", COMPOSE,
        "team/myapp/compose.yaml", COMPOSE,
        "web/compose.yaml", COMPOSE), "fleet");

    assertThat(found.apps()).extracting(AppLocation::name).containsExactly("web");
    assertThat(found.failures()).containsOnlyKeys("myapp");
    assertThat(found.failures().get("myapp")).extracting(ManifestProblem::file)
        .containsExactly("My App/compose.yaml", "team/myapp/compose.yaml");
    assertThat(found.failures().get("myapp")).allSatisfy(problem -> {
      assertThat(problem.line()).isZero();
      assertThat(problem.message()).isEqualTo("app name 'myapp' is claimed by several folders "
          + "('My App', 'team/myapp'); rename all but one, since two apps cannot share a Compose "
          + "project name");
    });
  }

  @Test
  void failsARootAppWhoseRepositoryNameClashesWithAFolder() {
    DiscoveredApps found = AppLayout.discover(InMemoryRepoTree.of(
        "compose.yaml", COMPOSE, "fleet/compose.yaml", COMPOSE), "fleet");

    assertThat(found.apps()).isEmpty();
    assertThat(found.failures()).containsOnlyKeys("fleet");
  }

  @Test
  void failsAFolderFromWhichNoNameCanBeDerivedKeyedByItsFile() {
    DiscoveredApps found = AppLayout.discover(InMemoryRepoTree.of(
        "日本/compose.yaml", COMPOSE, "web/compose.yaml", COMPOSE), "fleet");

    assertThat(found.apps()).extracting(AppLocation::name).containsExactly("web");
    assertThat(found.failures()).containsOnlyKeys("日本/compose.yaml");
    assertThat(found.failures().get("日本/compose.yaml")).singleElement()
        .satisfies(problem -> assertThat(problem.message()).startsWith("no app name can be derived from '日本'"));
  }

  @Test
  void mergesTheFoldersFirstOverrideFileAsComposeDoes() {
    DiscoveredApps found = AppLayout.discover(InMemoryRepoTree.of(
        "web/compose.yaml", COMPOSE, "web/docker-compose.override.yaml", COMPOSE,
        "web/compose.override.yaml", COMPOSE), "fleet");

    assertThat(found.failures()).isEmpty();
    assertThat(found.apps()).containsExactly(new AppLocation("web", "web", "web/compose.yaml",
        Optional.of("web/compose.override.yaml")));
    assertThat(found.apps().get(0).composeFileNames())
        .containsExactly("compose.yaml", "compose.override.yaml");
  }

  @Test
  void findsNothingInAnEmptyRepository() {
    DiscoveredApps found = AppLayout.discover(InMemoryRepoTree.of(), "fleet");

    assertThat(found.apps()).isEmpty();
    assertThat(found.failures()).isEmpty();
  }
}
