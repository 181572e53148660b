package dev.driftless.manifests.envfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.compose.EnvValues;
import dev.driftless.manifests.secrets.DecryptionKeys;
import dev.driftless.manifests.secrets.SharedFixtures;
import dev.driftless.manifests.secrets.age.Age;
import dev.driftless.manifests.secrets.age.AgeKeys;
import dev.driftless.manifests.secrets.age.X25519Identity;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EnvFileLoaderTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private final X25519Identity identity = X25519Identity.generate(RANDOM);
  private final EnvFileLoader loader =
      new EnvFileLoader(DecryptionKeys.of(List.of(identity), "test key"));

  private static final String DOTENV = "DB_USER=app\nDB_PASSWORD=\"s3cr3t value\"\n";

  @Test
  void readsAPlainDotenvFileWithNoSecret() throws Exception {
    EnvValues values = loader.load("app/.env", bytes(DOTENV));

    assertThat(values.variables()).containsExactly(
        Map.entry("DB_USER", "app"), Map.entry("DB_PASSWORD", "s3cr3t value"));
    assertThat(values.secretKeys()).isEmpty();
  }

  @Test
  void decryptsBinaryAndArmoredAgeFilesAndMarksEveryValueSecret() throws Exception {
    for (boolean armor : new boolean[] {false, true}) {
      byte[] file = Age.encrypt(bytes(DOTENV), List.of(identity.recipient()), armor);

      EnvValues values = loader.load("app/secrets.env.age", file);

      assertThat(values.variables()).containsEntry("DB_PASSWORD", "s3cr3t value");
      assertThat(values.secretKeys()).containsExactlyInAnyOrder("DB_USER", "DB_PASSWORD");
      assertThat(values.toString()).doesNotContain("s3cr3t");
    }
  }

  @Test
  void namesTheFileAndItsRecipientsWhenNoIdentityOpensIt() throws Exception {
    X25519Identity other = X25519Identity.generate(RANDOM);
    byte[] file = Age.encrypt(bytes(DOTENV),
        List.of(other.recipient(), X25519Identity.generate(RANDOM).recipient()), false);

    assertThatThrownBy(() -> loader.load("app/secrets.env.age", file))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("app/secrets.env.age")
        .hasMessageContaining("none of the 1 age identity from test key opens it")
        .hasMessageContaining("2 X25519 recipients");
    assertThatThrownBy(() -> new EnvFileLoader(DecryptionKeys.NONE).load("x.env.age", file))
        .hasMessageContaining("x.env.age")
        .hasMessageContaining("no age identity is configured")
        .hasMessageContaining("DRIFTLESS_AGE_KEY_FILE");
  }

  @Test
  void refusesATamperedOrTruncatedAgeFileCleanly() throws Exception {
    byte[] file = Age.encrypt(bytes(DOTENV), List.of(identity.recipient()), false);
    byte[] tampered = file.clone();
    tampered[tampered.length - 3] ^= 1;
    byte[] truncated = Arrays.copyOf(file, file.length - 20);

    assertThatThrownBy(() -> loader.load("s.env.age", tampered))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("s.env.age: the age payload does not verify");
    assertThatThrownBy(() -> loader.load("s.env.age", truncated))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("does not verify");
    assertThatThrownBy(() -> loader.load("s.env.age", bytes("DB=plain\n")))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("s.env.age: not a valid age file");
  }

  @Test
  void aMalformedDecryptedFileIsReportedByPositionWithoutQuotingIt() throws Exception {
    byte[] file = Age.encrypt(bytes("A=1\nPASSWORD hunter2\n"), List.of(identity.recipient()),
        false);

    assertThatThrownBy(() -> loader.load("s.env.age", file))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("s.env.age:2:")
        .hasMessageNotContaining("'h'")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void decryptsTheSopsDotenvYamlAndJsonDocumentsThatSopsWrote() throws Exception {
    EnvFileLoader sops = new EnvFileLoader(DecryptionKeys.of(
        AgeKeys.parseIdentities(SharedFixtures.text("sops/doco-cd/age-key.txt")), "fixture key"));

    EnvValues dotenv = sops.load("app/encrypted.env",
        SharedFixtures.bytes("sops/doco-cd/encrypted.env"));
    EnvValues yaml = sops.load("app/encrypted.yaml",
        SharedFixtures.bytes("sops/doco-cd/encrypted.yaml"));
    EnvValues json = sops.load("app/encrypted.json",
        SharedFixtures.bytes("sops/doco-cd/encrypted.json"));

    assertThat(dotenv.variables()).containsExactly(Map.entry("THIS_IS_ENCRYPTED", "yes"));
    assertThat(dotenv.secretKeys()).containsExactly("THIS_IS_ENCRYPTED");
    assertThat(yaml.variables()).containsExactly(Map.entry("this.is.encrypted", "yes"));
    assertThat(json.variables()).containsExactly(Map.entry("this", "is encrypted"));
    assertThat(json.secretKeys()).containsExactly("this");
  }

  @Test
  void namesTheRecipientsOfASopsFileNoIdentityOpens() {
    byte[] document = SharedFixtures.bytes("sops/doco-cd/encrypted.env");

    assertThatThrownBy(() -> loader.load("app/encrypted.env", document))
        .hasMessageContaining("app/encrypted.env")
        .hasMessageContaining("identities from test key")
        .hasMessageContaining("age1g3lclrkw2j0fkvq8a9jgvhglu408378tmwj84uv05qkhvax2cdrqcwqvmx");
    assertThatThrownBy(() -> new EnvFileLoader(DecryptionKeys.NONE)
        .load("app/encrypted.env", document))
        .hasMessageContaining("no age identity is configured")
        .hasMessageContaining("age1g3lclrkw2j0fkvq8a9jgvhglu408378tmwj84uv05qkhvax2cdrqcwqvmx");
  }

  @Test
  void failsATamperedSopsValueOnItsMac() throws Exception {
    EnvFileLoader sops = new EnvFileLoader(DecryptionKeys.of(
        AgeKeys.parseIdentities(SharedFixtures.text("sops/doco-cd/age-key.txt")), "fixture key"));
    String document = SharedFixtures.text("sops/doco-cd/encrypted.env");
    String tampered = document.replace("data:bBwL", "data:bBwM");

    assertThatThrownBy(() -> sops.load("app/encrypted.env", bytes(tampered)))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("app/encrypted.env");
  }

  /**
   * Bounded fuzzing: mutated age files and SOPS-looking documents only ever fail with a
   * {@link ManifestException}, never another exception.
   */
  @Test
  void mutatedInputOnlyEverFailsWithAManifestProblem() throws Exception {
    byte[] age = Age.encrypt(bytes(DOTENV), List.of(identity.recipient()), false);
    byte[] armored = Age.encrypt(bytes(DOTENV), List.of(identity.recipient()), true);
    byte[] sops = bytes("A=ENC[AES256_GCM,data:bBwL,iv:qJtI,tag:XFgb,type:str]\n"
        + "sops_version=3.9.0\nsops_mac=ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]\n");
    SplittableRandom random = new SplittableRandom(7);
    long deadline = System.nanoTime() + 3_000_000_000L;
    int runs = 0;
    while (System.nanoTime() < deadline) {
      byte[][] seeds = {age, armored, sops};
      int which = random.nextInt(seeds.length);
      byte[] input = mutate(seeds[which], random);
      String name = which == 2 ? "fuzz.env" : "fuzz.env.age";
      try {
        loader.load(name, input);
      } catch (ManifestException expected) {
        assertThat(expected.problems()).allSatisfy(problem ->
            assertThat(problem.file()).isEqualTo(name));
      }
      runs++;
    }
    assertThat(runs).isGreaterThan(100);
  }

  private static byte[] mutate(byte[] seed, SplittableRandom random) {
    byte[] out;
    switch (random.nextInt(3)) {
      case 0 -> {
        out = seed.clone();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
          out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
      }
      case 1 -> out = Arrays.copyOf(seed, random.nextInt(seed.length));
      default -> {
        out = new byte[random.nextInt(200)];
        for (int i = 0; i < out.length; i++) {
          out[i] = (byte) random.nextInt(256);
        }
      }
    }
    return out;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
