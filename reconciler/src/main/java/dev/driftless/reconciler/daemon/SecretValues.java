package dev.driftless.reconciler.daemon;

import dev.driftless.providers.source.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a configured secret at the moment it is needed, so a rotated file takes effect without a
 * restart. The value goes straight to its use; it is never logged or kept. A secret that cannot be
 * read is logged (where it should be, never a value) and treated as absent, so a webhook is
 * refused or a status not reported rather than the daemon failing.
 */
final class SecretValues {

    private static final Logger LOG = LoggerFactory.getLogger(SecretValues.class);

    private SecretValues() {
    }

    static Optional<byte[]> read(Secret secret, String purpose) {
        try {
            return Optional.of(secret.read(purpose, System::getenv).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("{}", e.getMessage());
            return Optional.empty();
        }
    }
}
