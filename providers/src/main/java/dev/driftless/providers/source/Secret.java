package dev.driftless.providers.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where a credential is kept: a file or an environment variable, never the configuration file
 * or the repository URL themselves.
 *
 * <p>A secret is read when it is used, at every connection, so a rotated token file takes effect
 * on the next poll without a restart. Its value is never held by this value, never logged and
 * never part of a message; {@link #toString()} names only where it lives.
 */
public sealed interface Secret permits Secret.FromFile, Secret.FromEnvironment {

    /** Where the secret lives, safe to show: {@code file /run/secrets/git-token}. */
    @Override
    String toString();

    /** Secrets are short; a larger file is a misconfiguration, not a key. */
    long MAX_BYTES = 64 * 1024;

    /**
     * The secret's value, read now, surrounding white space removed. Every user of a secret reads
     * it through here, so that all of them refuse the same mistakes with the same words.
     *
     * @param purpose what the secret is, for messages: "token", "webhook secret"
     * @param environment the environment variables, injected so tests need not set real ones
     * @throws IOException when it cannot be read, is missing, empty or too large; the message says
     *     where the secret should be, never a value
     */
    default String read(String purpose, Function<String, String> environment) throws IOException {
        String value;
        if (this instanceof FromFile file) {
            Path path = file.path();
            try {
                if (Files.size(path) > MAX_BYTES) {
                    throw new IOException("the " + purpose + " file " + path + " is larger than " + MAX_BYTES
                            + " bytes; it does not look like a " + purpose);
                }
                value = Files.readString(path, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IOException("the " + purpose + " file " + path + " does not exist", e);
            } catch (AccessDeniedException e) {
                throw new IOException("the " + purpose + " file " + path + " cannot be read: permission denied", e);
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("the " + purpose + " file")) {
                    throw e;
                }
                // The exception's message names the file only; it cannot hold the file's content.
                throw new IOException("the " + purpose + " file " + path + " cannot be read: "
                        + e.getClass().getSimpleName() + " " + e.getMessage(), e);
            }
        } else {
            value = environment.apply(((FromEnvironment) this).variable());
            if (value == null) {
                throw new IOException("the " + purpose + "'s " + this + " is not set");
            }
        }
        value = value.strip();
        if (value.isEmpty()) {
            throw new IOException("the " + purpose + "'s " + this + " is empty");
        }
        return value;
    }

    /**
     * A file holding the secret, as Docker and Kubernetes mount secrets. Surrounding white
     * space, such as the trailing newline an editor adds, is not part of the secret.
     *
     * @param path the file; read at every use
     */
    record FromFile(Path path) implements Secret {

        /** Requires a path; whether the file exists is checked when it is read. */
        public FromFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return "file " + path;
        }
    }

    /**
     * An environment variable holding the secret, as containers are configured.
     *
     * @param variable the variable's name, such as {@code DRIFTLESS_GIT_TOKEN}
     */
    record FromEnvironment(String variable) implements Secret {

        private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

        /** Checks that the name could be an environment variable's. */
        public FromEnvironment {
            Objects.requireNonNull(variable, "variable");
            if (!NAME.matcher(variable).matches()) {
                throw new IllegalArgumentException("'" + variable + "' is not an environment variable name");
            }
        }

        @Override
        public String toString() {
            return "environment variable " + variable;
        }
    }
}
