package dev.driftless.manifests.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.hash.SpecHash;
import dev.driftless.manifests.layout.InMemoryRepoTree;
import dev.driftless.manifests.layout.TreeBuildContexts;
import dev.driftless.manifests.model.BuildSpec;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.PullPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildReaderTest {

  private static final String FILE = "shop/compose.yaml";
  private static final Map<String, String> REPO = Map.of(
      "shop/Dockerfile", "FROM busybox:1.36\nCOPY . /app\n",
      "shop/index.html", "hello",
      "shop/web/Containerfile", "FROM busybox:1.36\n",
      "shop/web/Dockerfile", "FROM busybox:1.36\nCOPY app.sh /\n",
      "shop/static/logo.txt", "logo",
      "shop/web/app.sh", "echo hi",
      "docs/readme.md", "not in any context");

  private static DesiredService read(Map<String, String> files, String yaml)
      throws ManifestException {
    Map<String, String> all = new HashMap<>(files);
    all.put(FILE, yaml);
    InMemoryRepoTree tree = InMemoryRepoTree.of(all);
    List<DesiredService> services = new ComposeReader().readWithWarnings("shop", FILE, yaml,
        new EnvValues(Map.of("TAG", "v2"), Set.of(), List.of()), EnvFiles.NONE,
        new TreeBuildContexts(tree)).app().services();
    assertThat(services).hasSize(1);
    return services.get(0);
  }

  private static DesiredService read(String yaml) throws ManifestException {
    return read(REPO, yaml);
  }

  private static List<String> problems(String yaml) {
    ManifestException e = catchThrowableOfType(ManifestException.class, () -> read(yaml));
    assertThat(e).as("reading should fail").isNotNull();
    assertThat(e.problems()).extracting(ManifestProblem::file).containsOnly(FILE);
    return e.problems().stream().map(p -> p.line() + ":" + p.column() + ": " + p.message())
        .toList();
  }

  @Test
  void theShortFormIsAContextRelativeToTheComposeFileAndNamesTheImageLikeComposeV2()
      throws ManifestException {
    DesiredService web = read("""
        services:
          Web:
            build: .
        """);

    assertThat(web.image()).isEqualTo("shop-web");
    BuildSpec build = web.build().orElseThrow();
    assertThat(build.context()).isEqualTo("shop");
    assertThat(build.dockerfile()).isEqualTo("Dockerfile");
    assertThat(build.dockerfilePath()).hasValue("shop/Dockerfile");
    assertThat(build.contextDigest()).matches("[0-9a-f]{64}");
  }

  @Test
  void theLongFormReadsEveryFieldAndKeepsAnImageNamedByTheUser() throws ManifestException {
    DesiredService web = read("""
        services:
          web:
            image: registry.example/shop/web:${TAG}
            pull_policy: never
            build:
              context: ./web
              dockerfile: Containerfile
              args:
                VERSION: 1.2
                MODE: prod
              target: runtime
              labels: [team=shop]
              network: host
              shm_size: 64m
              extra_hosts: ["db:10.0.0.2", "cache=10.0.0.3"]
              cache_from: [registry.example/shop/web:cache]
              x-note: ignored
        """);

    assertThat(web.image()).isEqualTo("registry.example/shop/web:v2");
    assertThat(web.runtime().pullPolicy()).isEqualTo(PullPolicy.NEVER);
    BuildSpec build = web.build().orElseThrow();
    assertThat(build.context()).isEqualTo("shop/web");
    assertThat(build.dockerfile()).isEqualTo("Containerfile");
    assertThat(build.args()).containsExactly(Map.entry("MODE", "prod"), Map.entry("VERSION", "1.2"));
    assertThat(build.target()).isEqualTo("runtime");
    assertThat(build.labels()).containsExactly(Map.entry("team", "shop"));
    assertThat(build.network()).isEqualTo("host");
    assertThat(build.shmSize()).isEqualTo(64L * 1024 * 1024);
    assertThat(build.extraHosts()).containsExactly("db:10.0.0.2", "cache:10.0.0.3");
    assertThat(build.cacheFrom()).containsExactly("registry.example/shop/web:cache");
    assertThat(build.toString()).contains("MODE").doesNotContain("prod");
  }

  @Test
  void anInlineDockerfileNeedsNoFile() throws ManifestException {
    DesiredService web = read("""
        services:
          web:
            build:
              context: web
              dockerfile_inline: |
                FROM busybox:1.36
        """);

    assertThat(web.build().orElseThrow().dockerfileInline()).hasValue("FROM busybox:1.36\n");
    assertThat(web.build().orElseThrow().dockerfilePath()).isEmpty();
  }

  @Test
  void aMissingContextOrDockerfileIsAnErrorAtItsPosition() {
    assertThat(problems("""
        services:
          a:
            build: ./nowhere
          b:
            build:
              context: static
          c:
            build:
              context: static
              dockerfile: Dockerfile.prod
          d:
            build:
              dockerfile: ../../etc/passwd
        """)).containsExactly(
            "3:12: services.a.build: build context 'shop/nowhere' of service 'a' is not a folder"
                + " with files in the repository at this revision",
            "6:16: services.b.build: Dockerfile 'shop/static/Dockerfile' of service 'b' is not in"
                + " the repository at this revision (name another one with build.dockerfile)",
            "10:19: services.c.build: Dockerfile 'shop/static/Dockerfile.prod' of service 'c' is not"
                + " in the repository at this revision",
            "13:19: services.d.build.dockerfile '../../etc/passwd' must be a file inside the build"
                + " context, given relative to it");
  }

  @Test
  void refusesContextsOutsideTheRepositoryAndRemoteOnes() {
    assertThat(problems("""
        services:
          a:
            build: ../..
          b:
            build: /srv/app
          c:
            build: https://github.com/docker/rootfs.git#main
          d:
            build:
              context: .
              ssh: [default]
              tags: [x]
              contxt: .
        """)).containsExactly(
            "3:12: services.a.build '../..' leaves the repository: a build context must be a"
                + " folder of the repository",
            "5:12: services.b.build '/srv/app' is an absolute path: a build context must be a"
                + " folder of the repository, relative to the Compose file",
            "7:12: services.c.build 'https://github.com/docker/rootfs.git#main' is a remote"
                + " context, which Driftless does not support: it builds from the folders of the"
                + " revision it deploys",
            "11:7: unsupported key 'ssh' in the build of service 'd' (Driftless does not support"
                + " it yet)",
            "12:7: unsupported key 'tags' in the build of service 'd' (Driftless does not support"
                + " it yet)",
            "13:7: unknown key 'contxt' in the build of service 'd' (Driftless supports context,"
                + " dockerfile, dockerfile_inline, args, target, labels, network, shm_size,"
                + " extra_hosts and cache_from)");
  }

  @Test
  void refusesBadValuesNamingTheField() {
    assertThat(problems("""
        services:
          web:
            pull_policy: sometimes
            build:
              context: .
              args: [TOKEN]
              shm_size: lots
              dockerfile: Dockerfile
              dockerfile_inline: FROM scratch
          db: {}
          cache:
            image: redis:7
            pull_policy: build
        """)).containsExactly(
            "3:18: services.web.pull_policy must be always, never, missing, build or"
                + " if_not_present, found 'sometimes'",
            "6:14: build argument 'TOKEN' of service 'web' has no value: docker compose would"
                + " copy it from the shell it runs in, but Driftless never passes its own"
                + " environment to builds; write the value (TOKEN=value), or leave the argument"
                + " out to use the Dockerfile's default",
            "7:17: services.web.build.shm_size must be a byte size such as 67108864, 512k, 64m"
                + " or 1g, found 'lots'",
            "10:3: service 'db' has no image",
            "13:18: services.cache.pull_policy is build, but service 'cache' has no build section to"
                + " build its image from");
  }

  @Test
  void bothDockerfileFormsAtOnceAreRefused() {
    assertThat(problems("""
        services:
          web:
            build:
              context: .
              dockerfile: Dockerfile
              dockerfile_inline: FROM scratch
        """)).containsExactly(
            "5:19: services.web.build: set dockerfile or dockerfile_inline, not both");
  }

  @Test
  void theSpecHashFollowsTheContextsFilesAndOnlyThem() throws ManifestException {
    String yaml = """
        services:
          web:
            build: web
        """;
    String before = SpecHash.of(read(yaml));

    Map<String, String> outside = new HashMap<>(REPO);
    outside.put("docs/readme.md", "changed");
    outside.put("shop/index.html", "changed, but outside shop/web");
    assertThat(SpecHash.of(read(outside, yaml))).isEqualTo(before);

    Map<String, String> inside = new HashMap<>(REPO);
    inside.put("shop/web/app.sh", "echo bonjour");
    assertThat(SpecHash.of(read(inside, yaml))).isNotEqualTo(before);

    Map<String, String> added = new HashMap<>(REPO);
    added.put("shop/web/new.txt", "");
    assertThat(SpecHash.of(read(added, yaml))).isNotEqualTo(before);
  }

  @Test
  void theSpecHashFollowsDockerfileArgsAndTargetButNotTheBuildNetwork() throws ManifestException {
    String base = hashOfBuild("{context: web, args: {A: '1'}, target: t, network: host}");

    assertThat(hashOfBuild("{context: web, args: {A: '1'}, target: t, network: none}"))
        .isEqualTo(base);
    assertThat(hashOfBuild("{context: web, args: {A: '2'}, target: t, network: host}"))
        .isNotEqualTo(base);
    assertThat(hashOfBuild("{context: web, args: {A: '1'}, target: u, network: host}"))
        .isNotEqualTo(base);
    assertThat(hashOfBuild("{context: web, dockerfile: app.sh, args: {A: '1'}, target: t}"))
        .isNotEqualTo(base);
  }

  private static String hashOfBuild(String flowMapping) throws ManifestException {
    return SpecHash.of(read("services:\n  web:\n    build: " + flowMapping + "\n"));
  }

  @Test
  void aServiceWithoutBuildKeepsTheHashItHadBefore() {
    DesiredService plain = new DesiredService("web", "busybox", List.of(), Map.of(), List.of(),
        Map.of());
    DesiredService same = new DesiredService("web", "busybox", List.of(), Map.of(), List.of(),
        Map.of(), plain.runtime(), plain.attachments(), Optional.empty());
    DesiredService built = new DesiredService("web", "busybox", List.of(), Map.of(), List.of(),
        Map.of(), plain.runtime(), plain.attachments(), Optional.of(BuildSpec.of("web", "00")));

    assertThat(SpecHash.of(same)).isEqualTo(SpecHash.of(plain));
    assertThat(SpecHash.of(built)).isNotEqualTo(SpecHash.of(plain));
  }
}
