package dev.driftless.reconciler.daemon;

import dev.driftless.providers.source.Secret;
import dev.driftless.providers.source.SourceSpec;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One source the daemon follows, as configured: where and what to read, how often, and the secret
 * its webhooks are signed with (the daemon-wide one per provider when it has none of its own).
 *
 * @param id the source's name in configuration, metrics and API answers
 */
public record SourceDefinition(String id, SourceSpec spec, Duration pollInterval, Optional<Secret> webhookSecret) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

    public SourceDefinition {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a source's name must be lower-case letters, digits, '.', '_' or '-': '"
                    + id + "'");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval of source " + id + " must be positive, was "
                    + pollInterval);
        }
    }
}
