package dev.driftless.reconciler.keys;

import dev.driftless.manifests.secrets.DecryptionKeys;
import dev.driftless.manifests.secrets.age.AgeException;
import dev.driftless.manifests.secrets.age.AgeIdentity;
import dev.driftless.manifests.secrets.age.AgeKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where age identities come from: files named on the command line (or the daemon's
 * {@value #CONFIG_KEY} setting), else the environment ({@link #ENVIRONMENT_VARIABLES}, first one
 * set wins), never the repo. The CLI's {@code secrets} commands, {@code validate}, {@code plan},
 * {@code apply} and the daemon all read them here.
 *
 * <p>The environment is a lookup function so that tests pass their own instead of setting real
 * variables. Messages name the file or variable, never its content: a line of a key file is a
 * secret key.
 */
public final class Identities {

    /** The daemon's configuration key naming an identity file. */
    public static final String CONFIG_KEY = "driftless.secrets.age-key-file";

    public static final String KEY_FILE = "DRIFTLESS_AGE_KEY_FILE";
    public static final String KEY = "DRIFTLESS_AGE_KEY";
    public static final String SOPS_KEY_FILE = "SOPS_AGE_KEY_FILE";
    public static final String SOPS_KEY = "SOPS_AGE_KEY";
    /** In order of precedence; the SOPS names are accepted so one key serves both tools. */
    public static final List<String> ENVIRONMENT_VARIABLES = List.of(KEY_FILE, KEY, SOPS_KEY_FILE, SOPS_KEY);

    /**
     * Identities and where they came from ("key.txt", "$DRIFTLESS_AGE_KEY"), for messages.
     *
     * @param identities at least one
     * @param source     a file name or variable name, never key material
     */
    public record Loaded(List<AgeIdentity> identities, String source) {

        public Loaded {
            identities = List.copyOf(identities);
            if (identities.isEmpty()) {
                throw new IllegalArgumentException("no identities");
            }
        }
    }

    /** A key that could not be read or parsed; the message is safe to print. */
    public static final class KeyProblem extends Exception {

        private static final long serialVersionUID = 1L;

        public KeyProblem(String message) {
            super(message);
        }
    }

    private Identities() {
    }

    /** The identities of every file, in order, or from the environment when {@code files} is empty. */
    public static Loaded load(List<Path> files, Function<String, String> environment) throws KeyProblem {
        if (files.isEmpty()) {
            return fromEnvironment(environment).orElseThrow(() -> new KeyProblem(
                    "no identity: pass -i FILE or set one of " + String.join(", ", ENVIRONMENT_VARIABLES)));
        }
        List<AgeIdentity> identities = new ArrayList<>();
        for (Path file : files) {
            identities.addAll(fromFile(file, file.toString()));
        }
        return new Loaded(identities, files.size() == 1 ? files.get(0).toString() : files.size() + " identity files");
    }

    /** The identities named by the first of {@link #ENVIRONMENT_VARIABLES} that is set and not blank. */
    public static Optional<Loaded> fromEnvironment(Function<String, String> environment) throws KeyProblem {
        for (String variable : ENVIRONMENT_VARIABLES) {
            String value = environment.apply(variable);
            if (value == null || value.isBlank()) {
                continue;
            }
            if (variable.endsWith("_FILE")) {
                Path file = Path.of(value.strip());
                return Optional.of(new Loaded(fromFile(file, file + " (from $" + variable + ")"), file.toString()));
            }
            try {
                return Optional.of(new Loaded(AgeKeys.parseIdentities(value), "$" + variable));
            } catch (AgeException e) {
                throw new KeyProblem("$" + variable + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * The keys a render decrypts with: the identity file configured ({@value #CONFIG_KEY}), else
     * the environment, else none (a repo without secrets needs no key, and one with secrets then
     * fails its apps with an error that says which variable to set).
     */
    public static DecryptionKeys forRendering(Optional<Path> configuredFile, Function<String, String> environment)
            throws KeyProblem {
        if (configuredFile.isPresent()) {
            Path file = configuredFile.get();
            return DecryptionKeys.of(fromFile(file, file + " (from " + CONFIG_KEY + ")"), file.toString());
        }
        Optional<Loaded> loaded = fromEnvironment(environment);
        return loaded.map(found -> DecryptionKeys.of(found.identities(), found.source()))
                .orElse(DecryptionKeys.NONE);
    }

    private static List<AgeIdentity> fromFile(Path file, String name) throws KeyProblem {
        byte[] content;
        try {
            if (Files.size(file) > AgeKeys.MAX_IDENTITY_FILE_BYTES) {
                throw new KeyProblem(name + ": larger than " + AgeKeys.MAX_IDENTITY_FILE_BYTES
                        + " bytes; not an identity file");
            }
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new KeyProblem(name + ": no such identity file");
        } catch (IOException e) {
            throw new KeyProblem(name + ": cannot read the identity file: " + e.getClass().getSimpleName());
        }
        try {
            return AgeKeys.parseIdentities(content);
        } catch (AgeException e) {
            throw new KeyProblem(name + ": " + e.getMessage());
        } finally {
            java.util.Arrays.fill(content, (byte) 0);
        }
    }
}
