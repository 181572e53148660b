package dev.driftless.reconciler.cli;

import dev.driftless.manifests.secrets.age.Age;
import dev.driftless.manifests.secrets.age.AgeException;
import dev.driftless.manifests.secrets.age.AgeKeys;
import dev.driftless.manifests.secrets.age.AgeRecipient;
import dev.driftless.manifests.secrets.age.X25519Identity;
import dev.driftless.reconciler.keys.Identities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code driftless secrets}: keys and age files by hand, with the flags of {@code age} and
 * {@code age-keygen} so that muscle memory works. The daemon never needs these; they exist so
 * that a user can make a key, encrypt a file for the repo, and check who can open it.
 *
 * <p>Nothing here prints key material or plaintext anywhere but the chosen output, and error
 * messages name files and variables, never their content.
 */
@Command(name = "secrets", mixinStandardHelpOptions = true,
        description = "Make age keys and encrypt, decrypt or inspect age files (like age and age-keygen).",
        subcommands = {
                SecretsCommand.Keygen.class,
                SecretsCommand.Encrypt.class,
                SecretsCommand.Decrypt.class,
                SecretsCommand.Recipients.class
        },
        footer = {"", "Identities for decrypt: -i FILE, else $DRIFTLESS_AGE_KEY_FILE, $DRIFTLESS_AGE_KEY, "
                + "$SOPS_AGE_KEY_FILE, $SOPS_AGE_KEY (first one set)."})
final class SecretsCommand implements Runnable {

    private static final String STDIO = "-";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A failure with its exit code and a message that is safe to print (no key, no plaintext). */
    static final class Failure extends Exception {

        private static final long serialVersionUID = 1L;

        final int exitCode;

        Failure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    /**
     * What the subcommands share: the standard streams, replaceable by tests, and the translation
     * of a {@link Failure} into "error: …" and an exit code.
     */
    abstract static class Subcommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        /** Standard input and output; {@code null} means {@link System#in} and {@link System#out}. */
        InputStream stdin;
        OutputStream stdout;

        @Override
        public final Integer call() {
            try {
                return execute();
            } catch (Failure e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("error: " + e.getMessage());
                err.flush();
                return e.exitCode;
            }
        }

        abstract int execute() throws Failure;

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        InputStream in() {
            return stdin != null ? stdin : System.in;
        }

        OutputStream out() {
            return stdout != null ? stdout : System.out;
        }

        /** Whether standard output is the user's terminal (never when a test replaced it). */
        boolean stdoutIsTerminal() {
            return stdout == null && System.console() != null;
        }

        static String displayName(String file) {
            return file == null || file.equals(STDIO) ? "standard input" : file;
        }

        byte[] readInput(String file) throws Failure {
            try {
                if (file == null || file.equals(STDIO)) {
                    return in().readAllBytes();
                }
                return Files.readAllBytes(Path.of(file));
            } catch (NoSuchFileException e) {
                throw new Failure(ExitCodes.USAGE, file + ": no such file");
            } catch (IOException e) {
                throw new Failure(ExitCodes.USAGE, displayName(file) + ": cannot read: " + e.getClass().getSimpleName());
            }
        }

        InputStream openInput(String file) throws Failure {
            if (file == null || file.equals(STDIO)) {
                // Closing the command's input must not close the process's standard input.
                return new java.io.FilterInputStream(in()) {
                    @Override
                    public void close() {
                    }
                };
            }
            try {
                return Files.newInputStream(Path.of(file));
            } catch (NoSuchFileException e) {
                throw new Failure(ExitCodes.USAGE, file + ": no such file");
            } catch (IOException e) {
                throw new Failure(ExitCodes.USAGE, file + ": cannot read: " + e.getClass().getSimpleName());
            }
        }
    }

    /** Owner read and write only, at creation: a key or a plaintext is never readable by others, not even briefly. */
    static FileAttribute<?>[] ownerOnly(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        boolean posix = parent != null && parent.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    /** {@code driftless secrets keygen}: like {@code age-keygen}. */
    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = {"Generate a new X25519 age identity in age-keygen's format.",
                    "With -o the file is created with mode 0600 (never overwritten) and the public key goes to stderr."})
    static final class Keygen extends Subcommand {

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the identity to FILE instead of stdout.")
        Path output;

        /** Stamps the "# created:" line; tests replace it. */
        Clock clock = Clock.systemDefaultZone();

        @Override
        int execute() throws Failure {
            X25519Identity identity = X25519Identity.generate(new SecureRandom());
            String publicKey = identity.recipient().encode();
            String created = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS)
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            byte[] file = ("# created: " + created + "\n# public key: " + publicKey + "\n" + identity.encode() + "\n")
                    .getBytes(StandardCharsets.US_ASCII);
            try {
                if (output == null) {
                    out().write(file);
                    out().flush();
                    return ExitCodes.OK;
                }
                Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                try (OutputStream target = Channels.newOutputStream(Files.newByteChannel(output, options, ownerOnly(output)))) {
                    target.write(file);
                } catch (FileAlreadyExistsException e) {
                    throw new Failure(ExitCodes.USAGE, output + " already exists; not overwriting an identity");
                } catch (IOException e) {
                    throw new Failure(ExitCodes.FAILED, output + ": cannot write: " + e.getClass().getSimpleName());
                }
            } catch (IOException e) {
                throw new Failure(ExitCodes.FAILED, "cannot write to standard output: " + e.getClass().getSimpleName());
            } finally {
                Arrays.fill(file, (byte) 0);
            }
            err().println("Public key: " + publicKey);
            err().flush();
            return ExitCodes.OK;
        }
    }

    /** {@code driftless secrets encrypt}: like {@code age -e}. */
    @Command(name = "encrypt", mixinStandardHelpOptions = true,
            description = "Encrypt FILE (or stdin) to age recipients, like age -e.")
    static final class Encrypt extends Subcommand {

        @Option(names = {"-r", "--recipient"}, paramLabel = "RECIPIENT", description = "An age1… public key; repeatable.")
        List<String> recipients = new ArrayList<>();

        @Option(names = {"-R", "--recipients-file"}, paramLabel = "PATH",
                description = "A file of recipients, one per line, # comments allowed; repeatable.")
        List<Path> recipientFiles = new ArrayList<>();

        @Option(names = {"-a", "--armor"}, description = "Write PEM-armored text instead of binary.")
        boolean armor;

        @Option(names = {"-o", "--output"}, paramLabel = "OUTPUT", description = "Write to OUTPUT instead of stdout.")
        Path output;

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "The file to encrypt; stdin when absent or -.")
        String input;

        @Override
        int execute() throws Failure {
            List<AgeRecipient> to = recipients();
            if (output == null && !armor && stdoutIsTerminal()) {
                throw new Failure(ExitCodes.USAGE, "refusing to write binary ciphertext to a terminal; use -a or -o");
            }
            try (InputStream in = openInput(input)) {
                if (output == null) {
                    writeEncrypted(in, new NonClosing(out()), to);
                    return ExitCodes.OK;
                }
                try {
                    writeEncrypted(in, Files.newOutputStream(output), to);
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(output);
                    throw e;
                }
                return ExitCodes.OK;
            } catch (AgeException e) {
                throw new Failure(ExitCodes.USAGE, e.getMessage());
            } catch (IOException e) {
                throw new Failure(ExitCodes.FAILED, "encrypting " + displayName(input) + " failed: "
                        + e.getClass().getSimpleName());
            }
        }

        private void writeEncrypted(InputStream in, OutputStream target, List<AgeRecipient> to) throws IOException {
            try (OutputStream encrypting = Age.encryptingStream(target, to, armor, new SecureRandom())) {
                in.transferTo(encrypting);
            }
        }

        private List<AgeRecipient> recipients() throws Failure {
            List<AgeRecipient> to = new ArrayList<>();
            for (int i = 0; i < recipients.size(); i++) {
                try {
                    to.add(AgeKeys.parseRecipient(recipients.get(i).strip()));
                } catch (AgeException e) {
                    // The argument is not echoed: a secret key passed to -r by mistake must not reach a log.
                    throw new Failure(ExitCodes.USAGE, "-r (recipient " + (i + 1) + "): " + e.getMessage());
                }
            }
            for (Path file : recipientFiles) {
                try {
                    to.addAll(AgeKeys.parseRecipients(Files.readString(file, StandardCharsets.UTF_8)));
                } catch (AgeException e) {
                    throw new Failure(ExitCodes.USAGE, file + ": " + e.getMessage());
                } catch (NoSuchFileException e) {
                    throw new Failure(ExitCodes.USAGE, file + ": no such recipients file");
                } catch (IOException e) {
                    throw new Failure(ExitCodes.USAGE, file + ": cannot read: " + e.getClass().getSimpleName());
                }
            }
            if (to.isEmpty()) {
                throw new Failure(ExitCodes.USAGE, "no recipients: pass -r age1… or -R FILE");
            }
            return to;
        }
    }

    /** {@code driftless secrets decrypt}: like {@code age -d}. */
    @Command(name = "decrypt", mixinStandardHelpOptions = true,
            description = {"Decrypt an age file (binary or armored) from FILE or stdin, like age -d.",
                    "Identities: -i FILE, else $DRIFTLESS_AGE_KEY_FILE, $DRIFTLESS_AGE_KEY, $SOPS_AGE_KEY_FILE, $SOPS_AGE_KEY."})
    static final class Decrypt extends Subcommand {

        @Option(names = {"-i", "--identity"}, paramLabel = "PATH", description = "An identity file; repeatable.")
        List<Path> identityFiles = new ArrayList<>();

        @Option(names = {"-o", "--output"}, paramLabel = "OUTPUT",
                description = "Write the plaintext to OUTPUT (created with mode 0600) instead of stdout.")
        Path output;

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "The age file; stdin when absent or -.")
        String input;

        /** Reads the key variables; tests pass a map instead of setting real ones. */
        Function<String, String> environment = System::getenv;

        @Override
        int execute() throws Failure {
            Identities.Loaded identities;
            try {
                identities = Identities.load(identityFiles, environment);
            } catch (Identities.KeyProblem e) {
                throw new Failure(ExitCodes.USAGE, e.getMessage());
            }
            // The whole file is read first, so that nothing is written unless every chunk verified.
            byte[] file = readInput(input);
            byte[] plaintext;
            try {
                plaintext = Age.decrypt(file, identities.identities());
            } catch (AgeException e) {
                throw failure(e, file);
            }
            try {
                write(plaintext);
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
            return ExitCodes.OK;
        }

        private Failure failure(AgeException e, byte[] file) {
            String name = displayName(input);
            return switch (e.kind()) {
                case NO_IDENTITY_MATCHED -> new Failure(ExitCodes.FAILED, name + ": no identity matched (the file has "
                        + describe(stanzaTypes(file)) + ")");
                case ARMOR, HEADER, PAYLOAD -> new Failure(ExitCodes.USAGE, name + " is not an age file: " + e.getMessage());
                case HEADER_MAC -> new Failure(ExitCodes.USAGE, name + " was tampered with: " + e.getMessage());
                case KEY, UNSUPPORTED -> new Failure(ExitCodes.USAGE, name + ": " + e.getMessage());
            };
        }

        private static Map<String, Integer> stanzaTypes(byte[] file) {
            try {
                return Age.stanzaTypes(file);
            } catch (AgeException e) {
                return Map.of();
            }
        }

        private void write(byte[] plaintext) throws Failure {
            if (output == null) {
                try {
                    out().write(plaintext);
                    out().flush();
                    return;
                } catch (IOException e) {
                    throw new Failure(ExitCodes.FAILED, "cannot write to standard output: " + e.getClass().getSimpleName());
                }
            }
            Path target = output.toAbsolutePath();
            Path partial = null;
            try {
                if (Files.exists(target) && !Files.isRegularFile(target)) {
                    // /dev/null, a pipe: nothing to replace, write straight through.
                    Files.write(target, plaintext, StandardOpenOption.WRITE);
                    return;
                }
                // A sibling written in full, then moved: OUTPUT is never a half-written plaintext.
                partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial", ownerOnly(target));
                Files.write(partial, plaintext);
                try {
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                deleteQuietly(partial);
                throw new Failure(ExitCodes.FAILED, output + ": cannot write: " + e.getClass().getSimpleName());
            }
        }

        private static void deleteQuietly(Path file) {
            if (file == null) {
                return;
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // The write already failed and is reported; the partial file holds at most part of the plaintext.
            }
        }
    }

    /** {@code driftless secrets recipients}: who can open a file, as far as the format says. */
    @Command(name = "recipients", mixinStandardHelpOptions = true,
            description = "Say who can open an age file: its recipient types and how many of each.")
    static final class Recipients extends Subcommand {

        @Parameters(paramLabel = "FILE", description = "The age file; - for stdin.")
        String input;

        @Override
        int execute() throws Failure {
            byte[] file = readInput(input);
            Map<String, Integer> types;
            try {
                types = Age.stanzaTypes(file);
            } catch (AgeException e) {
                throw new Failure(ExitCodes.USAGE, displayName(input) + " is not an age file: " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(displayName(input) + ": " + types.entrySet().stream()
                    .map(entry -> entry.getValue() + " × " + entry.getKey()).collect(Collectors.joining(", ")));
            if (types.containsKey("X25519")) {
                out.println("age files do not name their X25519 recipients' public keys; only an identity that opens "
                        + "the file shows it was one of them (driftless secrets decrypt -i KEY -o /dev/null FILE).");
            }
            if (types.containsKey("scrypt")) {
                out.println("scrypt: the file is encrypted with a passphrase.");
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** "2 X25519 recipients", "1 X25519 recipient and 1 scrypt recipient". */
    static String describe(Map<String, Integer> types) {
        if (types.isEmpty()) {
            return "no recipients";
        }
        List<String> parts = types.entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey() + " recipient" + (entry.getValue() == 1 ? "" : "s"))
                .toList();
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** Lets the age stream's close() finish the file without closing standard output. */
    private static final class NonClosing extends java.io.FilterOutputStream {

        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
