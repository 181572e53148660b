package dev.driftless.reconciler.cli;

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
 * Where age identities come from: files named on the command line, else the environment
 * ({@link #ENVIRONMENT_VARIABLES}, first one set wins), never the repo.
 *
 * <p>The environment is a lookup function so that tests pass their own instead of setting real
 * variables. Messages name the file or variable, never its content: a line of a key file is a
 * secret key.
 */
final class Identities {

    static final String KEY_FILE = "DRIFTLESS_AGE_KEY_FILE";
    static final String KEY = "DRIFTLESS_AGE_KEY";
    static final String SOPS_KEY_FILE = "SOPS_AGE_KEY_FILE";
    static final String SOPS_KEY = "SOPS_AGE_KEY";
    /** In order of precedence; the SOPS names are accepted so one key serves both tools. */
    static final List<String> ENVIRONMENT_VARIABLES = List.of(KEY_FILE, KEY, SOPS_KEY_FILE, SOPS_KEY);

    /**
     * Identities and where they came from ("key.txt", "$DRIFTLESS_AGE_KEY"), for messages.
     *
     * @param identities at least one
     * @param source     a file name or variable name, never key material
     */
    record Loaded(List<AgeIdentity> identities, String source) {

        Loaded {
            identities = List.copyOf(identities);
            if (identities.isEmpty()) {
                throw new IllegalArgumentException("no identities");
            }
        }
    }

    /** A key that could not be read or parsed; the message is safe to print. */
    static final class KeyProblem extends Exception {

        private static final long serialVersionUID = 1L;

        KeyProblem(String message) {
            super(message);
        }
    }

    private Identities() {
    }

    /** The identities of every file, in order, or from the environment when {@code files} is empty. */
    static Loaded load(List<Path> files, Function<String, String> environment) throws KeyProblem {
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
    static Optional<Loaded> fromEnvironment(Function<String, String> environment) throws KeyProblem {
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
