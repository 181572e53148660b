package dev.driftless.providers.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.providers.status.RecordingServer.Answer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A token never shows: not in a toString, an outcome, an exception message or a log line. */
class SecretsTest {

    private static final String SHA = "e10dae226959c2194f2b07b077c07762d93821cf";
    private static final String TOKEN = "ghp_TopSecretToken0123456789";

    private final RecordingServer server = RecordingServer.start();
    private final RecordingScheduler scheduler = new RecordingScheduler();
    private final StatusClients clients = StatusClients.create(StatusClientOptions.defaults()
            .withRetries(2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1)), Clock.systemUTC(), scheduler);
    private final RepositoryRef repository =
            RepositoryRef.parse("git@github.example.com:acme/fleet.git", Provider.GITHUB, server.uri("/api/v3"));

    @AfterEach
    void stop() {
        clients.close();
        scheduler.shutdownNow();
        server.close();
    }

    @Test
    void aCredentialNeverShowsItsSecret() {
        assertThat(Credential.token(TOKEN).toString()).doesNotContain(TOKEN).contains("***");
        assertThat(Credential.bearer(TOKEN).toString()).doesNotContain(TOKEN);
        assertThat(Credential.basic("jdoe", TOKEN).toString()).doesNotContain(TOKEN).contains("jdoe");
    }

    @Test
    void aTokenWithALineBreakIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> Credential.token(TOKEN + "\nX-Injected: yes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whitespace or control characters")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aTrailingNewlineFromATokenFileIsIgnored() {
        assertThat(Credential.token(TOKEN + "\n")).isEqualTo(Credential.token(TOKEN));
    }

    @Test
    void aTokenEchoedByTheProviderIsRedactedFromTheOutcome() {
        server.otherwise(Answer.of(401, "{\"message\": \"token " + TOKEN + " is not valid\"}"));

        ReportOutcome outcome = clients.reporter(Provider.GITHUB, Credential.token(TOKEN))
                .report(repository, CommitStatus.success(SHA, "web", "prod", "ok"));

        assertThat(outcome.message()).doesNotContain(TOKEN).contains("token *** is not valid");
        assertThat(outcome.toString()).doesNotContain(TOKEN);
    }

    @Test
    void anEchoedBasicHeaderIsRedactedToo() {
        String encoded = Base64.getEncoder().encodeToString(("jdoe:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        server.otherwise(Answer.of(500, "{\"message\": \"upstream said Basic " + encoded + "\"}"));
        RepositoryRef gitea = RepositoryRef.parse("git@git.example.com:acme/fleet.git", Provider.GITEA, server.uri("/api/v1"));

        ReportOutcome outcome = clients.reporter(Provider.GITEA, Credential.basic("jdoe", TOKEN))
                .report(gitea, CommitStatus.success(SHA, "web", "prod", "ok"));

        assertThat(outcome.message()).doesNotContain(encoded).doesNotContain(TOKEN).contains("Basic ***");
    }

    @Test
    void aReporterAndItsClientsDoNotShowTheToken() {
        CommitStatusReporter reporter = clients.reporter(Provider.GITHUB, Credential.token(TOKEN));

        assertThat(reporter.toString()).doesNotContain(TOKEN);
        assertThat(clients.toString()).doesNotContain(TOKEN);
    }

    @Test
    void theLogOfAFailedReportDoesNotShowTheToken() throws InterruptedException {
        server.otherwise(Answer.of(403, "{\"message\": \"" + TOKEN + " lacks repo:status\"}"));
        CountingMetrics metrics = new CountingMetrics();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (StatusPublisher publisher = StatusPublisher.start(4, 1, metrics)) {
            publisher.publish(repository, clients.reporter(Provider.GITHUB, Credential.token(TOKEN)),
                    CommitStatus.failure(SHA, "web", "prod", "health check of web failed"));
            assertThat(metrics.await("failed", 1, Duration.ofSeconds(10))).isEqualTo(1);
        } finally {
            System.setErr(original);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("not published").contains("HTTP 403").contains("*** lacks repo:status");
        assertThat(log).doesNotContain(TOKEN);
    }
}
