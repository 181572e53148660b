package dev.driftless.reconciler.cli;

import dev.driftless.manifests.secrets.age.Age;
import dev.driftless.manifests.secrets.age.X25519Identity;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** {@code driftless secrets}: keygen, encrypt, decrypt and recipients, run as the user runs them. */
class SecretsCommandTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int exit, byte[] stdout, String out, String err) {

        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /** Runs {@code driftless secrets ARGS} with {@code stdin} and the environment {@code env}. */
    private static Run secrets(byte[] stdin, Map<String, String> env, String... args) {
        CommandLine cli = DriftlessMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        for (CommandLine sub : cli.getSubcommands().get("secrets").getSubcommands().values()) {
            SecretsCommand.Subcommand command = sub.getCommand();
            command.stdin = new ByteArrayInputStream(stdin);
            command.stdout = stdout;
            if (command instanceof SecretsCommand.Decrypt decrypt) {
                decrypt.environment = env::get;
            }
            if (command instanceof SecretsCommand.Keygen keygen) {
                keygen.clock = Clock.fixed(Instant.parse("2026-11-22T06:01:30.123Z"), ZoneOffset.UTC);
            }
        }
        List<String> all = new ArrayList<>(List.of("secrets"));
        all.addAll(List.of(args));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, stdout.toByteArray(), out.toString(), err.toString());
    }

    private static Run secrets(String... args) {
        return secrets(new byte[0], Map.of(), args);
    }

    private Path keyFile(X25519Identity identity) throws Exception {
        return Files.writeString(dir.resolve("key-" + System.nanoTime() + ".txt"),
                "# a comment\n" + identity.encode() + "\n");
    }

    @Nested
    class Keygen {

        @Test
        void writesAnAgeKeygenFileWithMode0600AndPrintsThePublicKeyToStderr() throws Exception {
            Path key = dir.resolve("key.txt");

            Run run = secrets("keygen", "-o", key.toString());

            assertThat(run.exit()).isZero();
            assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            List<String> lines = Files.readAllLines(key);
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).isEqualTo("# created: 2026-11-22T06:01:30Z");
            assertThat(lines.get(1)).matches("# public key: age1[0-9a-z]{58}");
            assertThat(lines.get(2)).matches("AGE-SECRET-KEY-1[0-9A-Z]{58}");
            String publicKey = lines.get(1).substring("# public key: ".length());
            assertThat(X25519Identity.parse(lines.get(2)).recipient().encode()).isEqualTo(publicKey);
            assertThat(run.err()).isEqualTo("Public key: " + publicKey + System.lineSeparator());
            assertThat(run.stdout()).isEmpty();
        }

        @Test
        void refusesToOverwriteAnExistingFile() throws Exception {
            Path key = Files.writeString(dir.resolve("key.txt"), "precious\n");

            Run run = secrets("keygen", "-o", key.toString());

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("already exists");
            assertThat(Files.readString(key)).isEqualTo("precious\n");
        }

        @Test
        void writesTheIdentityToStdoutWithoutOutput() {
            Run run = secrets("keygen");

            assertThat(run.exit()).isZero();
            assertThat(run.stdoutText()).startsWith("# created: ").contains("\n# public key: age1")
                    .contains("\nAGE-SECRET-KEY-1");
        }
    }

    @Nested
    class RoundTrip {

        @Test
        void aBinaryFileForTwoRecipientsOpensWithEitherKey() throws Exception {
            X25519Identity first = X25519Identity.generate(RANDOM);
            X25519Identity second = X25519Identity.generate(RANDOM);
            Path plain = Files.writeString(dir.resolve("prod.env"), "DB_PASSWORD=canary-7f3a\n");
            Path sealed = dir.resolve("prod.env.age");

            Run encrypt = secrets("encrypt", "-r", first.recipient().encode(), "-r", second.recipient().encode(),
                    "-o", sealed.toString(), plain.toString());

            assertThat(encrypt.exit()).as(encrypt.err()).isZero();
            byte[] file = Files.readAllBytes(sealed);
            assertThat(Age.isArmored(file)).isFalse();
            for (X25519Identity identity : List.of(first, second)) {
                Path opened = dir.resolve("opened-" + System.nanoTime());
                Run decrypt = secrets("decrypt", "-i", keyFile(identity).toString(), "-o", opened.toString(),
                        sealed.toString());
                assertThat(decrypt.exit()).as(decrypt.err()).isZero();
                assertThat(Files.readString(opened)).isEqualTo("DB_PASSWORD=canary-7f3a\n");
                assertThat(Files.getPosixFilePermissions(opened)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
                assertThat(decrypt.err() + decrypt.out()).doesNotContain("canary");
            }
        }

        @Test
        void anArmoredFileRoundTripsThroughStdinAndStdout() throws Exception {
            X25519Identity identity = X25519Identity.generate(RANDOM);
            byte[] plaintext = new byte[200_000];
            RANDOM.nextBytes(plaintext);

            Run encrypt = secrets(plaintext, Map.of(), "encrypt", "-a", "-r", identity.recipient().encode());

            assertThat(encrypt.exit()).as(encrypt.err()).isZero();
            assertThat(encrypt.stdoutText()).startsWith("-----BEGIN AGE ENCRYPTED FILE-----");
            Run decrypt = secrets(encrypt.stdout(), Map.of(), "decrypt", "-i", keyFile(identity).toString(), "-");
            assertThat(decrypt.exit()).as(decrypt.err()).isZero();
            assertThat(decrypt.stdout()).isEqualTo(plaintext);
        }

        @Test
        void encryptReadsRecipientsFromARecipientsFile() throws Exception {
            X25519Identity identity = X25519Identity.generate(RANDOM);
            Path recipients = Files.writeString(dir.resolve("recipients.txt"),
                    "# ops team\n" + identity.recipient().encode() + "\n\n");

            Run encrypt = secrets("hello".getBytes(StandardCharsets.UTF_8), Map.of(), "encrypt", "-R", recipients.toString());

            assertThat(encrypt.exit()).as(encrypt.err()).isZero();
            assertThat(Age.decrypt(encrypt.stdout(), List.of(identity))).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void encryptWithoutRecipientsIsBadUsage() {
            Run run = secrets("encrypt");

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("no recipients");
        }

        @Test
        void aSecretKeyPassedAsRecipientIsRefusedWithoutBeingEchoed() {
            String secret = X25519Identity.generate(RANDOM).encode();

            Run run = secrets("encrypt", "-r", secret);

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("not an age recipient").doesNotContain(secret).doesNotContain(secret.substring(16, 40));
        }
    }

    @Nested
    class IdentitiesFromTheEnvironment {

        @ParameterizedTest
        @ValueSource(strings = {"DRIFTLESS_AGE_KEY_FILE", "DRIFTLESS_AGE_KEY", "SOPS_AGE_KEY_FILE", "SOPS_AGE_KEY"})
        void decryptFindsTheKeyInEachVariable(String variable) throws Exception {
            X25519Identity identity = X25519Identity.generate(RANDOM);
            byte[] file = Age.encrypt("from the environment".getBytes(StandardCharsets.UTF_8),
                    List.of(identity.recipient()));
            String value = variable.endsWith("_FILE") ? keyFile(identity).toString() : identity.encode();

            Run run = secrets(file, Map.of(variable, value), "decrypt");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.stdoutText()).isEqualTo("from the environment");
        }

        @Test
        void driftlessKeyFileWinsOverTheSopsVariables() throws Exception {
            X25519Identity ours = X25519Identity.generate(RANDOM);
            X25519Identity sops = X25519Identity.generate(RANDOM);
            byte[] file = Age.encrypt("x".getBytes(StandardCharsets.UTF_8), List.of(sops.recipient()));

            Run run = secrets(file, Map.of("DRIFTLESS_AGE_KEY_FILE", keyFile(ours).toString(),
                    "SOPS_AGE_KEY", sops.encode()), "decrypt");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("no identity matched");
        }

        @Test
        void noIdentityAnywhereIsBadUsageNamingTheVariables() throws Exception {
            byte[] file = Age.encrypt(new byte[1], List.of(X25519Identity.generate(RANDOM).recipient()));

            Run run = secrets(file, Map.of(), "decrypt");

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("-i FILE", "DRIFTLESS_AGE_KEY_FILE", "SOPS_AGE_KEY");
        }

        @Test
        void aMalformedKeyInTheEnvironmentIsNamedButNotEchoed() throws Exception {
            byte[] file = Age.encrypt(new byte[1], List.of(X25519Identity.generate(RANDOM).recipient()));
            String almostAKey = "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ";

            Run run = secrets(file, Map.of("DRIFTLESS_AGE_KEY", almostAKey), "decrypt");

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("$DRIFTLESS_AGE_KEY").doesNotContain("QQQQQQQQ");
        }
    }

    @Nested
    class BadInput {

        @Test
        void theWrongIdentityExits1NamingTheFileAndItsRecipients() throws Exception {
            X25519Identity stranger = X25519Identity.generate(RANDOM);
            Path sealed = dir.resolve("prod.env.age");
            Files.write(sealed, Age.encrypt("secret".getBytes(StandardCharsets.UTF_8), List.of(
                    X25519Identity.generate(RANDOM).recipient(), X25519Identity.generate(RANDOM).recipient())));
            Path out = dir.resolve("out");

            Run run = secrets("decrypt", "-i", keyFile(stranger).toString(), "-o", out.toString(), sealed.toString());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("error: " + sealed + ": no identity matched (the file has 2 X25519 recipients)"
                    + System.lineSeparator());
            assertThat(run.err()).doesNotContain(stranger.encode().substring(16));
            assertThat(out).doesNotExist();
        }

        @Test
        void garbageIsNotAnAgeFileAndExits2() throws Exception {
            Path garbage = Files.writeString(dir.resolve("notes.txt"), "DB_PASSWORD=plain\n");

            Run run = secrets("decrypt", "-i", keyFile(X25519Identity.generate(RANDOM)).toString(), garbage.toString());

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).startsWith("error: " + garbage + " is not an age file: ").doesNotContain("plain");
            assertThat(run.stdout()).isEmpty();
        }

        @Test
        void aTruncatedFileExits2AndWritesNoOutput() throws Exception {
            X25519Identity identity = X25519Identity.generate(RANDOM);
            byte[] file = Age.encrypt(new byte[100_000], List.of(identity.recipient()));
            Path truncated = Files.write(dir.resolve("cut.age"), java.util.Arrays.copyOf(file, file.length - 1000));
            Path out = dir.resolve("out");

            Run run = secrets("decrypt", "-i", keyFile(identity).toString(), "-o", out.toString(), truncated.toString());

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).startsWith("error: " + truncated + " is not an age file: ");
            assertThat(out).doesNotExist();
            assertThat(dir).isDirectoryNotContaining("glob:**.partial");
        }

        @Test
        void recipientsOfGarbageExits2() throws Exception {
            Path garbage = Files.writeString(dir.resolve("notes.txt"), "hello\n");

            Run run = secrets("recipients", garbage.toString());

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).startsWith("error: " + garbage + " is not an age file: ");
        }
    }

    @Nested
    class Recipients {

        @Test
        void countsTheStanzaTypesAndSaysX25519KeysAreNotRevealed() throws Exception {
            X25519Identity first = X25519Identity.generate(RANDOM);
            Path sealed = Files.write(dir.resolve("prod.env.age"), Age.encrypt(new byte[3],
                    List.of(first.recipient(), X25519Identity.generate(RANDOM).recipient()), true));

            Run run = secrets("recipients", sealed.toString());

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).startsWith(sealed + ": 2 × X25519").contains("do not name")
                    .doesNotContain(first.recipient().encode());
        }
    }

    /** Both ways with the reference {@code age} command (Debian package, installed by .ci/run). */
    @Nested
    class InteropWithTheAgeCommand {

        private Path age;

        @BeforeEach
        void findAge() {
            for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(entry, "age");
                if (Files.isExecutable(candidate)) {
                    age = candidate;
                    return;
                }
            }
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("the age command (Debian package 'age') must be installed under CI");
            }
            Assumptions.abort("the age command is not installed (Debian package 'age'); skipping interop");
        }

        private byte[] age(List<String> arguments, byte[] stdin) throws Exception {
            List<String> command = new ArrayList<>(List.of(age.toString()));
            command.addAll(arguments);
            Path in = Files.write(dir.resolve("stdin-" + System.nanoTime()), stdin);
            Path err = dir.resolve("stderr-" + System.nanoTime());
            Process process = new ProcessBuilder(command).redirectInput(in.toFile()).redirectError(err.toFile()).start();
            byte[] out = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("age finished").isTrue();
            assertThat(process.exitValue()).as("age %s: %s", arguments, Files.readString(err)).isZero();
            return out;
        }

        @ParameterizedTest
        @ValueSource(booleans = {false, true})
        void theAgeCommandDecryptsWhatWeEncryptWithAKeyWeGenerated(boolean armor) throws Exception {
            Path key = dir.resolve("key.txt");
            assertThat(secrets("keygen", "-o", key.toString()).exit()).isZero();
            String recipient = Files.readAllLines(key).get(1).substring("# public key: ".length());
            byte[] plaintext = new byte[150_000];
            RANDOM.nextBytes(plaintext);
            Path plain = Files.write(dir.resolve("plain"), plaintext);
            Path sealed = dir.resolve("sealed.age");
            List<String> args = new ArrayList<>(List.of("encrypt", "-r", recipient,
                    "-r", X25519Identity.generate(RANDOM).recipient().encode(), "-o", sealed.toString()));
            if (armor) {
                args.add("-a");
            }
            args.add(plain.toString());

            assertThat(secrets(args.toArray(String[]::new)).exit()).isZero();

            assertThat(age(List.of("-d", "-i", key.toString(), sealed.toString()), new byte[0])).isEqualTo(plaintext);
        }

        @ParameterizedTest
        @ValueSource(booleans = {false, true})
        void weDecryptWhatTheAgeCommandEncrypts(boolean armor) throws Exception {
            X25519Identity identity = X25519Identity.generate(RANDOM);
            byte[] plaintext = "DB_PASSWORD=from-age\n".getBytes(StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(List.of("-e", "-r", identity.recipient().encode(),
                    "-r", X25519Identity.generate(RANDOM).recipient().encode()));
            if (armor) {
                args.add("-a");
            }
            Path sealed = Files.write(dir.resolve("from-age.age"), age(args, plaintext));

            Run run = secrets(new byte[0], Map.of("DRIFTLESS_AGE_KEY_FILE", keyFile(identity).toString()),
                    "decrypt", sealed.toString());

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.stdout()).isEqualTo(plaintext);
            assertThat(secrets("recipients", sealed.toString()).out()).startsWith(sealed + ": 2 × X25519");
        }
    }
}
