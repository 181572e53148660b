package dev.driftless.providers.source;

import java.nio.file.Path;
import java.util.Objects;
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
