package dev.driftless.reconciler.daemon;

import dev.driftless.providers.source.Secret;
import dev.driftless.providers.source.SourceSpec;
import dev.driftless.providers.status.RepositoryRef;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One source the daemon follows, as configured: where and what to read, how often, and the secret
 * its webhooks are signed with (the daemon-wide one per provider when it has none of its own).
 *
 * @param id the source's name in configuration, metrics and API answers
 * @param status where and how to report each rollout's outcome as a commit status, if at all
 */
public record SourceDefinition(String id, SourceSpec spec, Duration pollInterval, Optional<Secret> webhookSecret,
        Optional<StatusReporting> status) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

    /**
     * Commit statuses for a source: the repository on the provider's API, and the token allowed to
     * write statuses there (read at every report, so a rotated token counts at once).
     */
    public record StatusReporting(RepositoryRef repository, Secret token) {
        public StatusReporting {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(token, "token");
        }
    }

    public SourceDefinition {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        Objects.requireNonNull(status, "status");
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
