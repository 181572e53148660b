package dev.driftless.providers.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.providers.status.RecordingServer.Answer;
import dev.driftless.providers.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Retries, rate limits, timeouts and circuit breakers, against a real local HTTP server. Waits
 * between attempts are recorded by the scheduler instead of slept, and the circuit breakers'
 * time is a clock the test moves.
 */
class ResilienceTest {

    private static final String SHA = "e10dae226959c2194f2b07b077c07762d93821cf";
    private static final String TOKEN = "ghp_resilience0123456789";
    private static final Duration BACKOFF = Duration.ofMillis(100);

    private final RecordingServer server = RecordingServer.start();
    private final RecordingScheduler scheduler = new RecordingScheduler();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final List<StatusClients> opened = new ArrayList<>();

    @AfterEach
    void stop() {
        opened.forEach(StatusClients::close);
        scheduler.shutdownNow();
        server.close();
    }

    private StatusClients clients(StatusClientOptions options) {
        StatusClients clients = StatusClients.create(options, clock, scheduler);
        opened.add(clients);
        return clients;
    }

    private StatusClientOptions options() {
        return StatusClientOptions.defaults()
                .withRetries(3, BACKOFF, Duration.ofSeconds(10), Duration.ofSeconds(30))
                .withCircuitBreaker(50, Duration.ofMinutes(1));
    }

    private RepositoryRef repositoryOn(RecordingServer host) {
        return RepositoryRef.parse("git@github.example.com:acme/fleet.git", Provider.GITHUB, host.uri("/api/v3"));
    }

    private ReportOutcome report(StatusClients clients) {
        return clients.reporter(Provider.GITHUB, Credential.token(TOKEN))
                .report(repositoryOn(server), CommitStatus.success(SHA, "web", "production", "healthy"));
    }

    @Test
    void aBadGatewayIsRetriedAndThenSucceeds() {
        server.answer(Answer.of(502, "<html>bad gateway</html>"));

        ReportOutcome outcome = report(clients(options()));

        assertThat(outcome).isEqualTo(new ReportOutcome.Published(Provider.GITHUB, 201, 2));
        assertThat(server.requests()).hasSize(2);
        assertThat(scheduler.waits()).containsExactly(BACKOFF);
    }

    @Test
    void serverErrorsAreRetriedWithDoublingWaitsThenGivenUp() {
        server.otherwise(Answer.of(503, "{\"message\": \"Service Unavailable\"}"));

        ReportOutcome outcome = report(clients(options()));

        assertThat(outcome).isInstanceOf(ReportOutcome.Unavailable.class);
        assertThat(outcome.transientFailure()).isTrue();
        assertThat(outcome.message()).contains("HTTP 503").contains("Service Unavailable").contains("3 attempts");
        assertThat(server.requests()).hasSize(3);
        assertThat(scheduler.waits()).containsExactly(BACKOFF, BACKOFF.multipliedBy(2));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 422})
    void aRefusalIsNotRetried(int status) {
        server.otherwise(Answer.of(status, "{\"message\": \"nope\"}"));

        ReportOutcome outcome = report(clients(options()));

        assertThat(outcome).isInstanceOf(ReportOutcome.Rejected.class);
        assertThat(outcome.transientFailure()).isFalse();
        assertThat(outcome.message()).contains("HTTP " + status).contains("nope");
        assertThat(server.requests()).hasSize(1);
        assertThat(scheduler.waits()).isEmpty();
    }

    @Test
    void anUnauthorisedAnswerSaysTheTokenWasNotAccepted() {
        server.answer(Answer.of(401, "{\"message\": \"Bad credentials\"}"));

        ReportOutcome outcome = report(clients(options()));

        assertThat(outcome.message())
                .isEqualTo("GitHub rejected the status (HTTP 401): the token was not accepted (missing, expired or"
                        + " revoked): Bad credentials");
    }

    @Test
    void aTooManyRequestsAnswerIsRetriedAfterTheSecondsItAsksFor() {
        server.answer(Answer.of(429).withHeader("Retry-After", "7"));

        ReportOutcome outcome = report(clients(options()));

        assertThat(outcome).isEqualTo(new ReportOutcome.Published(Provider.GITHUB, 201, 2));
        assertThat(scheduler.waits()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aRetryAfterDateIsReadAgainstTheClock() {
        String inFiveSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(clock.instant().plusSeconds(5).atOffset(ZoneOffset.UTC));
        server.answer(Answer.of(429).withHeader("Retry-After", inFiveSeconds));

        ReportOutcome outcome = report(clients(options()));

        assertThat(outcome.published()).isTrue();
        assertThat(scheduler.waits()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void aTooManyRequestsAnswerWithoutRetryAfterFallsBackToTheBackoff() {
        server.answer(Answer.of(429));

        assertThat(report(clients(options())).published()).isTrue();
        assertThat(scheduler.waits()).containsExactly(BACKOFF);
    }

    @Test
    void aRetryAfterLongerThanDriftlessWaitsIsGivenUpAtOnce() {
        server.otherwise(Answer.of(429).withHeader("Retry-After", "3600"));

        ReportOutcome outcome = report(clients(options()));

        assertThat(outcome).isInstanceOf(ReportOutcome.Unavailable.class);
        assertThat(outcome.message()).contains("3600 s").contains("longer than the 30 s");
        assertThat(server.requests()).hasSize(1);
        assertThat(scheduler.waits()).isEmpty();
    }

    @Test
    void gitHubsRateLimitForbiddenAnswerIsRetriedLikeATooManyRequests() {
        server.answer(Answer.of(403, "{\"message\": \"You have exceeded a secondary rate limit\"}")
                .withHeader("Retry-After", "2"));

        ReportOutcome outcome = report(clients(options()));

        assertThat(outcome.published()).isTrue();
        assertThat(scheduler.waits()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void gitHubsExhaustedRateLimitWaitsUntilItsReset() {
        long reset = clock.instant().plusSeconds(12).getEpochSecond();
        server.answer(Answer.of(403, "{\"message\": \"API rate limit exceeded\"}")
                .withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", Long.toString(reset)));

        assertThat(report(clients(options())).published()).isTrue();
        assertThat(scheduler.waits()).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void aRedirectIsNotFollowedSinceItWouldCarryTheToken() {
        server.otherwise(Answer.of(301).withHeader("Location", "https://elsewhere.example.com/api/v3/repos/acme/fleet"));

        ReportOutcome outcome = report(clients(options()));

        assertThat(outcome).isInstanceOf(ReportOutcome.Rejected.class);
        assertThat(outcome.message()).contains("redirected to https://elsewhere.example.com");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aRefusedConnectionIsRetriedThenReportedUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RepositoryRef nowhere = RepositoryRef.parse("git@github.example.com:acme/fleet.git", Provider.GITHUB,
                URI.create("http://127.0.0.1:" + closedPort + "/api/v3"));

        ReportOutcome outcome = clients(options()).reporter(Provider.GITHUB, Credential.token(TOKEN))
                .report(nowhere, CommitStatus.pending(SHA, "web", "production", "rolling out"));

        assertThat(outcome).isInstanceOf(ReportOutcome.Unavailable.class);
        assertThat(outcome.message()).contains("connection refused").contains("3 attempts");
        assertThat(scheduler.waits()).containsExactly(BACKOFF, BACKOFF.multipliedBy(2));
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsCutOff() {
        server.otherwise(Answer.of(201).after(Duration.ofSeconds(3)));
        StatusClientOptions quick = options().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300))
                .withRetries(1, BACKOFF, BACKOFF, Duration.ZERO);

        long start = System.nanoTime();
        ReportOutcome outcome = report(clients(quick));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(outcome).isInstanceOf(ReportOutcome.Unavailable.class);
        assertThat(outcome.message()).contains("no answer within 300 ms");
        assertThat(took).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void theCircuitOpensAfterTheConfiguredFailuresAndThenFailsFastWithoutARequest() {
        server.otherwise(Answer.of(503));
        StatusClients clients = clients(options().withRetries(1, BACKOFF, BACKOFF, Duration.ZERO)
                .withCircuitBreaker(3, Duration.ofMinutes(1)));

        for (int i = 0; i < 3; i++) {
            assertThat(report(clients)).isInstanceOf(ReportOutcome.Unavailable.class);
        }
        ReportOutcome outcome = report(clients);

        assertThat(outcome).isEqualTo(new ReportOutcome.CircuitOpen(Provider.GITHUB, server.uri("").getRawAuthority()));
        assertThat(outcome.transientFailure()).isTrue();
        assertThat(server.requests()).hasSize(3);
        assertThat(clients.circuitOpen(server.uri("").getRawAuthority())).isTrue();
    }

    @Test
    void afterTheOpenDurationOneRequestProbesTheHostAndClosesTheCircuit() {
        server.answer(Answer.of(503), Answer.of(503));
        StatusClients clients = clients(options().withRetries(1, BACKOFF, BACKOFF, Duration.ZERO)
                .withCircuitBreaker(2, Duration.ofMinutes(1)));
        report(clients);
        report(clients);
        assertThat(report(clients)).isInstanceOf(ReportOutcome.CircuitOpen.class);

        clock.advance(Duration.ofSeconds(61));
        ReportOutcome probe = report(clients);

        assertThat(probe.published()).isTrue();
        assertThat(server.requests()).hasSize(3);
        assertThat(clients.circuitOpen(server.uri("").getRawAuthority())).isFalse();
    }

    @Test
    void retriesStopWhenTheCircuitOpensDuringAReport() {
        server.otherwise(Answer.of(503));
        StatusClients clients = clients(options().withCircuitBreaker(2, Duration.ofMinutes(1)));

        ReportOutcome outcome = report(clients);

        assertThat(outcome).isInstanceOf(ReportOutcome.Unavailable.class);
        assertThat(outcome.message()).contains("HTTP 503").contains("then the circuit opened").contains("2 attempts");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void oneHostsOpenCircuitDoesNotStopReportsToAnother() {
        server.otherwise(Answer.of(503));
        StatusClients clients = clients(options().withRetries(1, BACKOFF, BACKOFF, Duration.ZERO)
                .withCircuitBreaker(1, Duration.ofMinutes(1)));
        report(clients);
        assertThat(report(clients)).isInstanceOf(ReportOutcome.CircuitOpen.class);

        try (RecordingServer healthy = RecordingServer.start()) {
            ReportOutcome outcome = clients.reporter(Provider.GITHUB, Credential.token(TOKEN))
                    .report(repositoryOn(healthy), CommitStatus.success(SHA, "web", "production", "healthy"));

            assertThat(outcome.published()).isTrue();
            assertThat(healthy.requests()).hasSize(1);
        }
    }

    @Test
    void closedClientsGiveUpAtOnceWithoutARequest() {
        StatusClients clients = clients(options());
        CommitStatusReporter reporter = clients.reporter(Provider.GITHUB, Credential.token(TOKEN));
        clients.close();

        ReportOutcome outcome = reporter.report(repositoryOn(server), CommitStatus.success(SHA, "web", "prod", "ok"));

        assertThat(outcome).isInstanceOf(ReportOutcome.Unavailable.class);
        assertThat(outcome.message()).contains("closed");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void refusalsAndRateLimitsDoNotOpenTheCircuit() {
        server.otherwise(Answer.of(404, "{\"message\": \"Not Found\"}"));
        StatusClients clients = clients(options().withRetries(1, BACKOFF, BACKOFF, Duration.ZERO)
                .withCircuitBreaker(2, Duration.ofMinutes(1)));

        for (int i = 0; i < 5; i++) {
            assertThat(report(clients)).isInstanceOf(ReportOutcome.Rejected.class);
        }

        assertThat(server.requests()).hasSize(5);
    }
}
