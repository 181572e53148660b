package dev.driftless.providers.webhook;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The webhook secret of one source: what a delivery must be signed with (or, for GitLab, carry)
 * to be believed for that source.
 *
 * <p>Several sources may follow repositories of the same provider, each with its own secret, or
 * share one (one repository's webhook feeding a staging and a production source). The handler is
 * given every candidate for the provider and reports every source whose secret verifies.
 *
 * <p>The secret never shows: {@link #toString()} prints {@code ***}, and it is copied in and out
 * so no caller can change it behind the handler's back. Equality compares the bytes in constant
 * time.
 *
 * @param sourceId the source this secret belongs to, as the daemon names it
 * @param secret the shared secret's bytes (for a secret file, its content without the trailing
 *     newline)
 */
public record WebhookSecret(String sourceId, byte[] secret) {

    /** Refuses a blank source id and an empty secret (anyone could "sign" with that). */
    public WebhookSecret {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(secret, "secret");
        if (sourceId.isBlank()) {
            throw new IllegalArgumentException("a webhook secret needs the id of its source, got a blank one");
        }
        if (secret.length == 0) {
            throw new IllegalArgumentException("the webhook secret of source '" + sourceId
                    + "' is empty; an empty secret would let anyone sign deliveries");
        }
        secret = secret.clone();
    }

    /** A copy of the secret's bytes. */
    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** The bytes without a copy, for this package, which never writes to them. */
    byte[] rawSecret() {
        return secret;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret that
                && sourceId.equals(that.sourceId)
                && MessageDigest.isEqual(secret, that.secret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceId, Arrays.hashCode(secret));
    }

    @Override
    public String toString() {
        return "WebhookSecret[sourceId=" + sourceId + ", secret=***]";
    }
}
