package dev.driftless.reconciler.daemon;

import dev.driftless.providers.status.CommitStatus;
import dev.driftless.providers.status.Credential;
import dev.driftless.providers.status.Provider;
import dev.driftless.providers.status.StatusClients;
import dev.driftless.providers.status.StatusPublisher;
import dev.driftless.reconciler.engine.AppOutcome;
import dev.driftless.reconciler.engine.RolloutListener;
import dev.driftless.reconciler.engine.Snapshot;
import dev.driftless.reconciler.plan.Plan;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Reports each rollout on the commit it deployed: pending when it starts, success or failure when
 * it ends, under the context {@code driftless/<app>/<environment>}. Publishing is queued and never
 * throws, so a provider outage cannot hold up or fail a deploy. Descriptions name steps and
 * services only, never a value from the spec.
 */
final class CommitStatusListener implements RolloutListener {

    /** Environments arrive with driftless.yaml; until then every app deploys to one. */
    static final String ENVIRONMENT = "default";

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    private final SourceDefinition.StatusReporting reporting;
    private final StatusClients clients;
    private final StatusPublisher publisher;

    CommitStatusListener(SourceDefinition.StatusReporting reporting, StatusClients clients, StatusPublisher publisher) {
        this.reporting = reporting;
        this.clients = clients;
        this.publisher = publisher;
    }

    @Override
    public void started(Snapshot snapshot, Plan plan) {
        publish(snapshot, CommitStatus.pending(snapshot.revision(), plan.app(), ENVIRONMENT,
                "Rolling out: " + plan.summary()));
    }

    @Override
    public void finished(Snapshot snapshot, AppOutcome outcome) {
        CommitStatus status;
        if (outcome instanceof AppOutcome.Applied applied && applied.succeeded()) {
            status = CommitStatus.success(snapshot.revision(), outcome.app(), ENVIRONMENT,
                    "Deployed: " + applied.plan().summary());
        } else if (outcome instanceof AppOutcome.Applied applied) {
            status = CommitStatus.failure(snapshot.revision(), outcome.app(), ENVIRONMENT,
                    "Rollout failed: " + firstLine(applied.error()));
        } else {
            status = CommitStatus.error(snapshot.revision(), outcome.app(), ENVIRONMENT,
                    "Not deployed: " + firstLine(((AppOutcome.Failed) outcome).error()));
        }
        publish(snapshot, status);
    }

    private void publish(Snapshot snapshot, CommitStatus status) {
        if (!COMMIT.matcher(snapshot.revision()).matches()) {
            return;
        }
        SecretValues.read(reporting.token(), "commit-status token").ifPresent(token -> {
            String value = new String(token, StandardCharsets.UTF_8);
            Provider provider = reporting.repository().provider();
            Credential credential = provider == Provider.GITEA || provider == Provider.FORGEJO
                    ? Credential.token(value) : Credential.bearer(value);
            publisher.publish(reporting.repository(), clients.reporter(provider, credential), status);
        });
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
