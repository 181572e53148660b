package dev.driftless.reconciler.daemon;

import dev.driftless.providers.source.Secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Reads a configured secret at the moment it is needed, so a rotated file takes effect without a
 * restart. The value goes straight to its use; it is never logged or kept.
 */
final class SecretValues {

    /** Secrets are short; a larger file is a misconfiguration, not a key. */
    private static final long MAX_BYTES = 64 * 1024;

    private SecretValues() {
    }

    /** The secret's bytes, or empty (with the reason in the log, never the value) when it cannot be read. */
    static Optional<byte[]> read(Secret secret) {
        try {
            String text;
            if (secret instanceof Secret.FromFile file) {
                if (Files.size(file.path()) > MAX_BYTES) {
                    org.slf4j.LoggerFactory.getLogger(SecretValues.class).warn("{} is larger than {} bytes; ignored",
                            secret, MAX_BYTES);
                    return Optional.empty();
                }
                text = Files.readString(file.path(), StandardCharsets.UTF_8);
            } else if (secret instanceof Secret.FromEnvironment variable) {
                text = System.getenv(variable.variable());
            } else {
                throw new IllegalStateException("unknown kind of secret: " + secret);
            }
            if (text == null || text.isBlank()) {
                org.slf4j.LoggerFactory.getLogger(SecretValues.class).warn("{} is empty or unset", secret);
                return Optional.empty();
            }
            return Optional.of(text.strip().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(SecretValues.class).warn("cannot read {}: {}", secret, e.getMessage());
            return Optional.empty();
        }
    }
}
