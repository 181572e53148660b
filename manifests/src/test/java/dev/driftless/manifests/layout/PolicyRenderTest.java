package dev.driftless.manifests.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.manifests.ManifestProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The repository's policies ({@code driftless.yaml}'s {@code policies}) against what Compose
 * files ask of the host: every violation fails its app, at the offending key, saying what to add.
 */
class PolicyRenderTest {

  private static RenderedRepo render(String policies, String compose, String... more) {
    List<String> files = new ArrayList<>(List.of("app/compose.yaml", compose));
    if (policies != null) {
      files.addAll(List.of("driftless.yaml", "policies:\n" + policies));
    }
    files.addAll(List.of(more));
    return DesiredStateRenderer.render(InMemoryRepoTree.of(files.toArray(String[]::new)), "repo");
  }

  private static List<ManifestProblem> problems(RenderedRepo rendered) {
    assertThat(rendered.apps()).as("apps rendered").isEmpty();
    assertThat(rendered.failures()).containsOnlyKeys("app");
    return rendered.failures().get("app");
  }

  private static void rendersWith(RenderedRepo rendered) {
    assertThat(rendered.failures()).isEmpty();
    assertThat(rendered.apps()).hasSize(1);
  }

  private static String service(String body) {
    return "services:\n  web:\n    image: busybox:1.36\n" + body;
  }

  @Nested
  class HostPrivileges {

    /** Each key, the flag that allows it, the field named, and a flag that does not. */
    static Stream<Arguments> privileges() {
      return Stream.of(
          Arguments.of("privileged: true", "allowPrivileged", "services.web.privileged",
              "allowHostNetwork"),
          Arguments.of("network_mode: host", "allowHostNetwork", "services.web.network_mode",
              "allowPrivileged"),
          Arguments.of("pid: host", "allowHostPid", "services.web.pid", "allowHostIpc"),
          Arguments.of("ipc: host", "allowHostIpc", "services.web.ipc", "allowHostPid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("privileges")
    void isRefusedAtItsKeyWithoutAPolicyAndNamesTheFlagThatAllowsIt(String key, String flag,
        String field, String otherFlag) {
      List<ManifestProblem> problems = problems(render(null, service("    " + key + "\n")));

      assertThat(problems).singleElement().satisfies(problem -> {
        assertThat(problem.file()).isEqualTo("app/compose.yaml");
        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.column()).isEqualTo(5);
        assertThat(problem.message()).startsWith(field + ": ")
            .contains("denied by the repository's policies")
            .contains("add to driftless.yaml: 'policies: {" + flag + ": true}'");
      });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("privileges")
    void rendersWhenItsFlagAllowsIt(String key, String flag, String field, String otherFlag) {
      rendersWith(render("  " + flag + ": true\n", service("    " + key + "\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("privileges")
    void isNotAllowedByAnotherFlag(String key, String flag, String field, String otherFlag) {
      assertThat(problems(render("  " + otherFlag + ": true\n", service("    " + key + "\n"))))
          .hasSize(1);
    }

    @Test
    void explicitFalseIsDeniedToo() {
      assertThat(problems(render("  allowPrivileged: false\n",
          service("    privileged: true\n")))).hasSize(1);
    }

    @Test
    void theirHarmlessValuesNeedNoPolicy() {
      rendersWith(render(null, service("""
              privileged: false
              ipc: shareable
              network_mode: bridge
          """)));
    }
  }

  @Nested
  class BindMounts {

    @Test
    void aHostPathIsRefusedAtItsVolumeEntryInShortSyntax() {
      List<ManifestProblem> problems = problems(render(null, service("""
              volumes:
                - /etc/hostname:/host/hostname:ro
          """)));

      assertThat(problems).singleElement().satisfies(problem -> {
        assertThat(problem.line()).isEqualTo(5);
        assertThat(problem.column()).isEqualTo(9);
        assertThat(problem.message()).isEqualTo("services.web.volumes[0]: binding host path "
            + "'/etc/hostname' is denied by the repository's policies; to allow it, add to "
            + "driftless.yaml: 'policies: {allowedBindMounts: [/etc/hostname]}' (or a folder "
            + "above it)");
      });
    }

    @Test
    void aHostPathIsRefusedInLongSyntax() {
      List<ManifestProblem> problems = problems(render("  allowedBindMounts: [/srv]\n",
          service("""
                  volumes:
                    - type: bind
                      source: /var/run/docker.sock
                      target: /var/run/docker.sock
              """)));

      assertThat(problems).singleElement().satisfies(problem -> {
        assertThat(problem.line()).isEqualTo(5);
        assertThat(problem.message()).contains("'/var/run/docker.sock'");
      });
    }

    @Test
    void aSecretOrConfigFromAHostFileIsABindMountToo() {
      List<ManifestProblem> problems = problems(render(null, """
          services:
            web:
              image: busybox:1.36
              secrets: [token]
              configs: [settings]
          secrets:
            token:
              file: /etc/shadow
          configs:
            settings:
              file: /etc/app.conf
          """));

      assertThat(problems).extracting(ManifestProblem::message).containsExactly(
          "services.web.secrets[0]: binding host path '/etc/shadow' is denied by the "
              + "repository's policies; to allow it, add to driftless.yaml: "
              + "'policies: {allowedBindMounts: [/etc/shadow]}' (or a folder above it)",
          "services.web.configs[0]: binding host path '/etc/app.conf' is denied by the "
              + "repository's policies; to allow it, add to driftless.yaml: "
              + "'policies: {allowedBindMounts: [/etc/app.conf]}' (or a folder above it)");
    }

    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource({
        "/srv, /srv",
        "/srv/data/db, /srv",
        "/srv/data/db, /srv/",
        "/srv/data, /srv/data",
        "/srv/./data, /srv/data",
        "//srv//data, /srv/data",
        "/anything/at/all, /"})
    void aHostPathAtOrBelowAnAllowedOneRenders(String source, String allowed) {
      rendersWith(render("  allowedBindMounts: [" + allowed + "]\n",
          service("    volumes: [\"" + source + ":/mnt\"]\n")));
    }

    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource({
        "/srvx, /srv, /srvx",
        "/srv-old/data, /srv, /srv-old/data",
        "/, /srv, /",
        "/srv/../etc, /srv, /etc",
        "/srv/data/../../etc/passwd, /srv, /etc/passwd",
        "/../srv/../etc, /srv, /etc",
        "/srv, /srv/data, /srv"})
    void aHostPathOutsideTheAllowedOnesIsRefusedAsTheKernelResolvesIt(String source,
        String allowed, String resolved) {
      List<ManifestProblem> problems = problems(render(
          "  allowedBindMounts: [" + allowed + "]\n",
          service("    volumes: [\"" + source + ":/mnt\"]\n")));

      assertThat(problems).singleElement().extracting(ManifestProblem::message).asString()
          .contains("binding host path '" + resolved + "' is denied");
    }

    @Test
    void aRelativePathIsAFileOfTheRepositoryAndNeedsNoPolicy() {
      rendersWith(render(null, service("""
              volumes:
                - ./nginx.conf:/etc/nginx/nginx.conf:ro
                - type: bind
                  source: ./site
                  target: /srv/site
          """), "app/nginx.conf", "events {}\n", "app/site/index.html", "hi\n"));
    }

    @Test
    void aRelativePathThatClimbsOutOfTheRepositoryIsRefused() {
      assertThat(problems(render("  allowedBindMounts: [/]\n",
          service("    volumes: [\"../../etc:/mnt\"]\n"))))
          .singleElement().extracting(ManifestProblem::message).asString()
          .contains("points outside the repository");
    }

    @Test
    void namedVolumesAndTmpfsNeedNoPolicy() {
      rendersWith(render(null, """
          services:
            web:
              image: busybox:1.36
              volumes: ["data:/data", "/anonymous"]
              tmpfs: /run
          volumes:
            data: {}
          """));
    }
  }

  @Test
  void everyViolationOfAnAppIsReportedAtOnceInFileOrder() {
    List<ManifestProblem> problems = problems(render("  allowedBindMounts: [/srv]\n", """
        services:
          web:
            image: busybox:1.36
            privileged: true
            volumes: ["/srv/ok:/ok", "/etc:/etc-host"]
          agent:
            image: busybox:1.36
            network_mode: host
            pid: host
        """));

    assertThat(problems).extracting(ManifestProblem::line).containsExactly(4, 5, 8, 9);
  }

  @Test
  void aViolationFailsOnlyItsAppAndTheOthersRender() {
    RenderedRepo rendered = render(null, service("    privileged: true\n"),
        "other/compose.yaml", "services:\n  ok:\n    image: busybox:1.36\n");

    assertThat(rendered.failures()).containsOnlyKeys("app");
    assertThat(rendered.apps()).extracting(app -> app.name()).containsExactly("other");
  }

  @Test
  void aServiceInAnInactiveProfileIsNotChecked() {
    RenderedRepo rendered = render(null, """
        services:
          web:
            image: busybox:1.36
          debug:
            image: busybox:1.36
            profiles: [debug]
            privileged: true
        """);

    rendersWith(rendered);
  }

  @Test
  void aViolationInAnOverrideFileNamesThatFile() {
    List<ManifestProblem> problems = problems(render(null, service(""),
        "app/compose.override.yaml", "services:\n  web:\n    pid: host\n"));

    assertThat(problems).singleElement().satisfies(problem -> {
      assertThat(problem.file()).isEqualTo("app/compose.override.yaml");
      assertThat(problem.line()).isEqualTo(3);
    });
  }
}
