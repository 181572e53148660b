package dev.driftless.manifests.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.PortBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Several Compose files merged as {@code docker compose -f a -f b} merges them. */
class ComposeMergeTest {

  private static DesiredService web(String... texts) throws ManifestException {
    List<ComposeReader.ComposeFile> files = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      files.add(new ComposeReader.ComposeFile("f" + i + ".yaml", texts[i]));
    }
    return new ComposeReader().readWithWarnings("shop", files, Map.of("TAG", "2"))
        .app().service("web").orElseThrow();
  }

  /** The merge of the texts as plain Java values: maps, lists and strings. */
  private static Object merged(String... texts) {
    ProblemCollector problems = new ProblemCollector("f0.yaml");
    List<Node> roots = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      roots.add(SafeYaml.compose("f" + i + ".yaml", texts[i], problems).orElseThrow());
    }
    Object value = plain(ComposeMerge.merge(roots, problems), problems);
    assertThat(problems.problems()).isEmpty();
    return value;
  }

  private static Object plain(Node node, ProblemCollector problems) {
    if (node instanceof MappingNode mapping) {
      Map<String, Object> map = new LinkedHashMap<>();
      YamlMapping.entries(mapping, "", problems)
          .forEach(entry -> map.put(entry.key(), plain(entry.value(), problems)));
      return map;
    }
    if (node instanceof SequenceNode list) {
      return list.getValue().stream().map(item -> plain(item, problems)).toList();
    }
    return YamlMapping.isNull(node) ? null : ((ScalarNode) node).getValue();
  }

  @Test
  void replacesScalarsAndCommandsWholeAndMergesEnvironmentAndLabelsByKey()
      throws ManifestException {
    DesiredService web = web("""
        services:
          web:
            image: nginx
            command: [nginx, -g, daemon off;]
            environment: [A=1, B=2]
            labels: {tier: web, team: shop}
        """, """
        services:
          web:
            image: nginx:${TAG}
            command: nginx-debug
            environment: {B: two, C: "3"}
            labels: [team=platform]
        """);

    assertThat(web.image()).isEqualTo("nginx:2");
    assertThat(web.command()).containsExactly("nginx-debug");
    assertThat(web.environment()).containsExactly(
        Map.entry("A", "1"), Map.entry("B", "two"), Map.entry("C", "3"));
    assertThat(web.labels()).containsExactly(Map.entry("team", "platform"),
        Map.entry("tier", "web"));
  }

  @Test
  void appendsPortsDroppingTheOnesBothFilesPublish() throws ManifestException {
    DesiredService web = web(
        "services: {web: {image: nginx, ports: ['80:80', '443:443']}}\n",
        "services: {web: {ports: ['443:443', '8443:8443']}}\n");

    assertThat(web.ports()).extracting(PortBinding::hostPort).containsExactly(80, 443, 8443);
  }

  @Test
  void keepsAServiceOnlyTheFirstFileDeclaresAndAddsOnesTheSecondDeclares()
      throws ManifestException {
    List<ComposeReader.ComposeFile> files = List.of(
        new ComposeReader.ComposeFile("a.yaml", "services: {web: {image: nginx}}\n"),
        new ComposeReader.ComposeFile("b.yaml", "services: {db: {image: postgres}}\n"));

    assertThat(new ComposeReader().readWithWarnings("shop", files, Map.of()).app().services())
        .extracting(DesiredService::name).containsExactly("db", "web");
  }

  @Test
  void pointsAtTheFileEachProblemIsIn() {
    ManifestException e = catchThrowableOfType(ManifestException.class, () -> web("""
        services:
          web:
            image: nginx
            prots: []
        """, """
        x-base: &base
          imgae: nginx
        services:
          web:
            <<: *base
            environment: ${
        """));

    assertThat(e.problems()).extracting(ManifestProblem::toString).containsExactly(
        "f0.yaml:4:5: unknown key 'prots' in service 'web' (did you mean 'ports'?)",
        "f1.yaml:2:3: unknown key 'imgae' in service 'web' (did you mean 'image'?)",
        "f1.yaml:6:18: services.web.environment must be a mapping or a list of KEY=VALUE "
            + "strings, found '${'");
  }

  @Test
  void mergesVolumesSecretsAndConfigsByTarget() {
    assertThat(merged("""
        services:
          web:
            volumes: [data:/data, ./conf:/etc/conf:ro, {type: tmpfs, target: /tmp}]
            secrets: [token, {source: key, target: /keys/key}]
        """, """
        services:
          web:
            volumes: [other:/data, {type: bind, source: ./x, target: /tmp}, logs:/logs]
            secrets: [{source: token, mode: 0400}, {source: key2, target: /keys/key}]
        """)).isEqualTo(Map.of("services", Map.of("web", Map.of(
            "volumes", List.of("other:/data", "./conf:/etc/conf:ro",
                Map.of("type", "bind", "source", "./x", "target", "/tmp"), "logs:/logs"),
            "secrets", List.of(Map.of("source", "token", "mode", "0400"),
                Map.of("source", "key2", "target", "/keys/key"))))));
  }

  @Test
  void readsTheShortFormsOfBuildNetworksAndDependsOnAsTheirLongForms() {
    Map<String, Object> nullValued = new LinkedHashMap<>();
    nullValued.put("front", null);
    nullValued.put("back", Map.of("aliases", List.of("api")));
    Map<String, Object> dependsOn = new LinkedHashMap<>();
    dependsOn.put("db", Map.of("condition", "service_healthy"));
    dependsOn.put("cache", null);

    assertThat(merged("""
        services:
          web:
            build: ./web
            networks: [front, back]
            depends_on: [db, cache]
            healthcheck: {test: [CMD, true], interval: 5s}
            dns: [1.1.1.1]
            extra_hosts: ["db:10.0.0.2"]
        """, """
        services:
          web:
            build: {dockerfile: Dockerfile.prod}
            networks: {back: {aliases: [api]}}
            depends_on: {db: {condition: service_healthy}}
            healthcheck: {test: [CMD-SHELL, exit 0]}
            dns: [1.1.1.1, 8.8.8.8]
            extra_hosts: {db: 10.0.0.3, cache: 10.0.0.4}
        """)).isEqualTo(Map.of("services", Map.of("web", Map.of(
            "build", Map.of("context", "./web", "dockerfile", "Dockerfile.prod"),
            "networks", nullValued,
            "depends_on", dependsOn,
            "healthcheck", Map.of("test", List.of("CMD-SHELL", "exit 0"), "interval", "5s"),
            "dns", List.of("1.1.1.1", "8.8.8.8"),
            "extra_hosts", Map.of("db", "10.0.0.3", "cache", "10.0.0.4")))));
  }

  @Test
  void aNullInALaterFileLeavesTheEarlierValue() {
    assertThat(merged("services: {web: {labels: {a: b}}}\n", "services: {web: {labels: }}\n"))
        .isEqualTo(Map.of("services", Map.of("web", Map.of("labels", Map.of("a", "b")))));
  }

  @Test
  void refusesAMergeThatAliasesWouldMakeHuge() {
    StringBuilder bomb = new StringBuilder("x-0: &a0 {k: v, j: w}\n");
    for (int i = 1; i <= 16; i++) {
      bomb.append("x-").append(i).append(": &a").append(i).append(" {l: *a").append(i - 1)
          .append(", r: *a").append(i - 1).append("}\n");
    }
    String first = bomb + "services: {web: {image: nginx}}\nx-big: *a16\n";
    ProblemCollector problems = new ProblemCollector("f0.yaml");
    List<Node> roots = List.of(SafeYaml.compose("f0.yaml", first, problems).orElseThrow(),
        SafeYaml.compose("f1.yaml", first, problems).orElseThrow());

    ComposeMerge.merge(roots, problems);

    assertThat(problems.problems()).singleElement().satisfies(problem ->
        assertThat(problem.message()).contains("too large to merge"));
  }
}
