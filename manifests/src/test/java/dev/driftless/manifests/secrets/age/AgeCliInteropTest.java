package dev.driftless.manifests.secrets.age;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.manifests.secrets.SharedFixtures;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interoperability both ways with the reference {@code age} command (Debian's package, installed
 * by {@code .ci/run}): what it encrypts we decrypt, and what we encrypt it decrypts. Skipped with
 * a message when {@code age} is not on the PATH, except under CI.
 */
class AgeCliInteropTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static Path age;

  @TempDir
  Path dir;

  @BeforeAll
  static void findAge() {
    age = executable("age");
    if (age == null) {
      SharedFixtures.requireUnderCi("the age command is not installed (Debian package 'age')");
    }
  }

  private static Path executable(String name) {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(entry, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private byte[] run(List<String> arguments, byte[] stdin) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(age.toString());
    command.addAll(arguments);
    Path in = Files.write(dir.resolve("stdin-" + System.nanoTime()), stdin);
    Path err = dir.resolve("stderr-" + System.nanoTime());
    Process process = new ProcessBuilder(command).redirectInput(in.toFile())
        .redirectError(err.toFile()).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("age finished").isTrue();
    assertThat(process.exitValue()).as("age %s: %s", arguments, Files.readString(err)).isZero();
    return out;
  }

  private static byte[] plaintext(int size) {
    byte[] bytes = new byte[size];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 5, 65536, 200_000})
  void filesTheAgeCommandEncryptsDecryptHere(int size) throws Exception {
    X25519Identity identity = X25519Identity.generate(RANDOM);
    byte[] plaintext = plaintext(size);

    byte[] file = run(List.of("-r", identity.recipient().encode()), plaintext);

    assertThat(Age.isArmored(file)).isFalse();
    assertThat(Age.decrypt(file, List.of(identity))).isEqualTo(plaintext);
  }

  @Test
  void armoredFilesTheAgeCommandEncryptsDecryptHere() throws Exception {
    X25519Identity identity = X25519Identity.generate(RANDOM);
    byte[] plaintext = plaintext(100_000);

    byte[] file = run(List.of("-a", "-r", identity.recipient().encode()), plaintext);

    assertThat(Age.isArmored(file)).isTrue();
    assertThat(Age.decrypt(file, List.of(identity))).isEqualTo(plaintext);
  }

  @Test
  void filesTheAgeCommandEncryptsToSeveralRecipientsOpenWithEachOfTheirKeys() throws Exception {
    X25519Identity first = X25519Identity.generate(RANDOM);
    X25519Identity second = X25519Identity.generate(RANDOM);
    byte[] plaintext = "shared".getBytes(StandardCharsets.UTF_8);

    byte[] file = run(List.of("-r", first.recipient().encode(), "-r",
        second.recipient().encode()), plaintext);

    assertThat(Age.stanzaTypes(file)).containsEntry("X25519", 2);
    assertThat(Age.decrypt(file, List.of(first))).isEqualTo(plaintext);
    assertThat(Age.decrypt(file, List.of(second))).isEqualTo(plaintext);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void filesEncryptedHereDecryptWithTheAgeCommand(boolean armor) throws Exception {
    X25519Identity identity = X25519Identity.generate(RANDOM);
    X25519Identity other = X25519Identity.generate(RANDOM);
    Path keys = Files.writeString(dir.resolve("keys.txt"),
        "# created by a test\n# public key: " + identity.recipient() + "\n"
            + identity.encode() + "\n");
    Path otherKeys = Files.writeString(dir.resolve("other.txt"), other.encode() + "\n");
    byte[] plaintext = plaintext(150_000);

    byte[] file = Age.encrypt(plaintext, List.of(other.recipient(), identity.recipient()), armor);

    assertThat(run(List.of("-d", "-i", keys.toString()), file)).isEqualTo(plaintext);
    assertThat(run(List.of("-d", "-i", otherKeys.toString()), file)).isEqualTo(plaintext);
  }

  @Test
  void anEmptyFileEncryptedHereDecryptsWithTheAgeCommand() throws Exception {
    X25519Identity identity = X25519Identity.generate(RANDOM);
    Path keys = Files.writeString(dir.resolve("keys.txt"), identity.encode() + "\n");

    byte[] file = Age.encrypt(new byte[0], List.of(identity.recipient()), true);

    assertThat(run(List.of("-d", "-i", keys.toString()), file)).isEmpty();
  }

  @Test
  void keysWrittenHereAreReadByTheAgeCommandAndTheOtherWayRound() throws Exception {
    Path keygen = age.resolveSibling("age-keygen");
    if (!Files.isExecutable(keygen)) {
      SharedFixtures.requireUnderCi("age-keygen is not installed next to age");
    }
    Process process = new ProcessBuilder(keygen.toString()).redirectErrorStream(false).start();
    String generated = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    List<AgeIdentity> identities = AgeKeys.parseIdentities(generated);
    X25519Identity identity = (X25519Identity) identities.get(0);
    assertThat(generated).contains("# public key: " + identity.recipient().encode());
    byte[] file = run(List.of("-r", identity.recipient().encode()), new byte[] {1, 2, 3});
    assertThat(Age.decrypt(file, identities)).containsExactly(1, 2, 3);
  }
}
