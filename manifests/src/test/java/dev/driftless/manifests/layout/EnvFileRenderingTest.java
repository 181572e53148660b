package dev.driftless.manifests.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.hash.SpecHash;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.secrets.DecryptionKeys;
import dev.driftless.manifests.secrets.age.Age;
import dev.driftless.manifests.secrets.age.AgeException;
import dev.driftless.manifests.secrets.age.X25519Identity;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code env_file:} and encrypted env files, rendered from a repository tree. */
class EnvFileRenderingTest {

  private final X25519Identity identity = X25519Identity.generate(new SecureRandom());
  private final DecryptionKeys keys = DecryptionKeys.of(List.of(identity), "test key");

  @Test
  void readsEveryFormOfEnvFileRelativeToTheAppFolderWithComposePrecedence() {
    RenderedRepo rendered = render(Map.of(
        "app/compose.yaml", """
            services:
              one:
                image: busybox:1.36
                env_file: one.env
              two:
                image: busybox:1.36
                env_file: [one.env, ../shared/two.env]
                environment:
                  B: from-environment
              three:
                image: busybox:1.36
                env_file:
                  - path: ./one.env
                  - path: optional.env
                    required: false
            """,
        "app/one.env", "A=1\nB=1\nC=1\n",
        "shared/two.env", "B=2\nC=2\n"), DecryptionKeys.NONE);

    assertThat(rendered.failures()).isEmpty();
    assertThat(service(rendered, "one").environment()).containsExactly(
        Map.entry("A", "1"), Map.entry("B", "1"), Map.entry("C", "1"));
    assertThat(service(rendered, "two").environment()).containsExactly(
        Map.entry("A", "1"), Map.entry("B", "from-environment"), Map.entry("C", "2"));
    assertThat(service(rendered, "three").environment()).containsEntry("A", "1");
    assertThat(service(rendered, "one").secretKeys()).isEmpty();
  }

  @Test
  void aMissingRequiredEnvFileIsAProblemAtItsEntryNamingTheFile() {
    RenderedRepo rendered = render(Map.of(
        "app/compose.yaml", """
            services:
              web:
                image: busybox:1.36
                env_file:
                  - path: missing.env
                    required: true
            """), DecryptionKeys.NONE);

    assertThat(rendered.failures().get("app")).extracting(ManifestProblem::toString)
        .containsExactly("app/compose.yaml:5:15: services.web.env_file[0].path: the env file "
            + "'app/missing.env' does not exist (set 'required: false' in the long form if it is "
            + "optional)");
  }

  @Test
  void refusesAnEnvFileOutsideTheRepository() {
    RenderedRepo rendered = render(Map.of("app/compose.yaml", """
        services:
          web:
            image: busybox:1.36
            env_file: ../../etc/passwd
        """), DecryptionKeys.NONE);

    assertThat(rendered.failures().get("app").toString()).contains("leaves the repository");
  }

  @Test
  void marksValuesFromAnEncryptedEnvFileSecretUnlessEnvironmentReplacesThem() throws Exception {
    RenderedRepo rendered = render(Map.of(
        "app/compose.yaml", """
            services:
              web:
                image: busybox:1.36
                env_file: [plain.env, secrets.env.age]
                environment:
                  API_TOKEN: overridden
            """,
        "app/plain.env", "DB_USER=app\n"), Map.of(
        "app/secrets.env.age", encrypt("DB_PASSWORD=hunter2\nAPI_TOKEN=t0k3n\n")), keys);

    DesiredService web = service(rendered, "web");
    assertThat(web.environment()).containsEntry("DB_PASSWORD", "hunter2")
        .containsEntry("API_TOKEN", "overridden").containsEntry("DB_USER", "app");
    assertThat(web.secretKeys()).containsExactly("DB_PASSWORD");
    assertThat(web.toString()).doesNotContain("hunter2");
  }

  @Test
  void aSecretVariableOfTheAppsEnvFileMayFeedTheEnvironmentButNothingElse() throws Exception {
    String compose = """
        services:
          web:
            image: busybox:1.36
            environment:
              URL: postgres://app:${DB_PASSWORD}@db/app
              PLAIN: ${DB_PASSWORD:+set}x
            labels:
              leak: ${DB_PASSWORD}
        """;
    byte[] env = encrypt("DB_PASSWORD=hunter2\n");

    RenderedRepo withLabel = render(Map.of("app/compose.yaml", compose),
        Map.of("app/.env", armored("DB_PASSWORD=hunter2\n")), keys);
    RenderedRepo clean = render(Map.of("app/compose.yaml", compose.replace(
        "    labels:\n      leak: ${DB_PASSWORD}\n", "")), Map.of("app/.env", env), keys);

    assertThat(withLabel.failures().get("app")).extracting(ManifestProblem::toString)
        .singleElement().asString()
        .contains("app/compose.yaml:8:13: services.web.labels.leak uses a secret variable "
            + "(DB_PASSWORD")
        .doesNotContain("hunter2");
    DesiredService web = service(clean, "web");
    assertThat(web.environment()).containsEntry("URL", "postgres://app:hunter2@db/app");
    assertThat(web.secretKeys()).containsExactly("PLAIN", "URL");
  }

  @Test
  void anInterpolationErrorNeverQuotesASecret() throws Exception {
    RenderedRepo rendered = render(Map.of("app/compose.yaml", """
        services:
          web:
            image: busybox:1.36
            environment:
              A: ${MISSING:?password is $DB_PASSWORD}
        """), Map.of("app/.env", encrypt("DB_PASSWORD=hunter2\n")), keys);

    assertThat(rendered.failures().get("app")).extracting(ManifestProblem::toString)
        .singleElement().asString().startsWith("app/compose.yaml:5:10: services.web.environment.A")
        .doesNotContain("hunter2");
  }

  @Test
  void anEncryptedFileNoIdentityOpensFailsItsAppOnlyNamingTheFile() throws Exception {
    RenderedRepo rendered = render(Map.of(
        "app/compose.yaml", "services:\n  web:\n    image: busybox:1.36\n"
            + "    env_file: secrets.env.age\n",
        "other/compose.yaml", "services:\n  web:\n    image: busybox:1.36\n"),
        Map.of("app/secrets.env.age", encrypt("A=1\n")), DecryptionKeys.NONE);

    assertThat(rendered.apps()).extracting(app -> app.name()).containsExactly("other");
    assertThat(rendered.failures().get("app")).extracting(ManifestProblem::toString)
        .singleElement().asString().startsWith("app/secrets.env.age: it is age-encrypted")
        .contains("1 X25519 recipient");
  }

  @Test
  void aChangedSecretChangesTheSpecHashOfExactlyTheServicesThatUseIt() throws Exception {
    String compose = """
        services:
          uses:
            image: busybox:1.36
            env_file: secrets.env.age
          plain:
            image: busybox:1.36
            environment:
              A: "1"
        """;
    RenderedRepo before = render(Map.of("app/compose.yaml", compose),
        Map.of("app/secrets.env.age", encrypt("PASSWORD=one\n")), keys);
    RenderedRepo reencrypted = render(Map.of("app/compose.yaml", compose),
        Map.of("app/secrets.env.age", encrypt("PASSWORD=one\n")), keys);
    RenderedRepo after = render(Map.of("app/compose.yaml", compose),
        Map.of("app/secrets.env.age", encrypt("PASSWORD=two\n")), keys);

    assertThat(hash(reencrypted, "uses")).isEqualTo(hash(before, "uses"));
    assertThat(hash(after, "uses")).isNotEqualTo(hash(before, "uses"));
    assertThat(hash(after, "plain")).isEqualTo(hash(before, "plain"));
    DesiredService uses = service(before, "uses");
    DesiredService unkeyed = new DesiredService(uses.name(), uses.image(), uses.command(),
        uses.environment(), uses.ports(), uses.labels(), uses.runtime(), uses.attachments());
    assertThat(hash(before, "uses")).as("the hash is not the one of the plain value")
        .isNotEqualTo(SpecHash.of(unkeyed));
    DecryptionKeys otherKeys =
        DecryptionKeys.of(List.of(X25519Identity.generate(new SecureRandom()), identity), "two");
    assertThat(otherKeys.digest("one")).isNotEqualTo(keys.digest("one"))
        .isEqualTo(DecryptionKeys.of(List.of(otherKeys.identities().get(1),
            otherKeys.identities().get(0)), "reordered").digest("one"));
  }

  private String hash(RenderedRepo rendered, String service) {
    return SpecHash.of(service(rendered, service));
  }

  private byte[] encrypt(String text) throws AgeException {
    return Age.encrypt(text.getBytes(StandardCharsets.UTF_8), List.of(identity.recipient()),
        false);
  }

  private byte[] armored(String text) throws AgeException {
    return Age.encrypt(text.getBytes(StandardCharsets.UTF_8), List.of(identity.recipient()),
        true);
  }

  private static DesiredService service(RenderedRepo rendered, String name) {
    return rendered.apps().stream().flatMap(app -> app.services().stream())
        .filter(service -> service.name().equals(name)).findFirst().orElseThrow(
            () -> new AssertionError("no service " + name + " in " + rendered.failures()));
  }

  private static RenderedRepo render(Map<String, String> texts, DecryptionKeys keys) {
    return render(texts, Map.of(), keys);
  }

  private static RenderedRepo render(Map<String, String> texts, Map<String, byte[]> binaries,
      DecryptionKeys keys) {
    Map<String, byte[]> files = new TreeMap<>(binaries);
    texts.forEach((path, text) -> files.put(path, text.getBytes(StandardCharsets.UTF_8)));
    return DesiredStateRenderer.render(InMemoryRepoTree.ofBytes(files), "repo", keys);
  }
}
