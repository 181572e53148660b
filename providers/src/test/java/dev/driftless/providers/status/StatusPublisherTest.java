package dev.driftless.providers.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.driftless.providers.status.RecordingServer.Answer;
import dev.driftless.providers.status.StatusPublisher.Submission;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusPublisherTest {

    private static final String SHA = "e10dae226959c2194f2b07b077c07762d93821cf";
    private static final String OTHER_SHA = "f10dae226959c2194f2b07b077c07762d93821cf";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final RepositoryRef REPOSITORY = RepositoryRef.parse("git@github.com:acme/fleet.git");

    private final CountingMetrics metrics = new CountingMetrics();
    private final List<CommitStatus> reported = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch firstStarted = new CountDownLatch(1);
    private StatusPublisher publisher;

    @AfterEach
    void stop() {
        release.countDown();
        if (publisher != null) {
            publisher.close(Duration.ofSeconds(5));
        }
    }

    /** A reporter that records what it is given and blocks on its first report until released. */
    private ReportOutcome blockingFirst(RepositoryRef repository, CommitStatus status) {
        boolean first = firstStarted.getCount() > 0;
        firstStarted.countDown();
        if (first) {
            await(release);
        }
        reported.add(status);
        return new ReportOutcome.Published(repository.provider(), 201, 1);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void publishingReturnsAtOnceWhileTheProviderHangs() {
        publisher = StatusPublisher.start(10, 1, metrics);

        long start = System.nanoTime();
        Submission submission = publisher.publish(REPOSITORY, this::blockingFirst,
                CommitStatus.pending(SHA, "web", "production", "rolling out"));
        await(firstStarted);

        assertThat(submission).isEqualTo(Submission.QUEUED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(publisher.pending()).isEqualTo(1);
    }

    @Test
    void aFullQueueDropsTheReportAndCountsIt() throws InterruptedException {
        publisher = StatusPublisher.start(2, 1, metrics);
        publisher.publish(REPOSITORY, this::blockingFirst, CommitStatus.pending(SHA, "a", "prod", ""));
        await(firstStarted); // the only worker is now stuck on the first report

        Submission second = publisher.publish(REPOSITORY, this::blockingFirst, CommitStatus.pending(SHA, "b", "prod", ""));
        Submission third = publisher.publish(REPOSITORY, this::blockingFirst, CommitStatus.pending(SHA, "c", "prod", ""));
        Submission fourth = publisher.publish(REPOSITORY, this::blockingFirst, CommitStatus.pending(SHA, "d", "prod", ""));

        assertThat(List.of(second, third, fourth)).containsExactly(Submission.QUEUED, Submission.QUEUED, Submission.DROPPED);
        assertThat(metrics.count("dropped")).isEqualTo(1);
        release.countDown();
        assertThat(metrics.await("published", 3, WAIT)).isEqualTo(3);
        assertThat(reported).extracting(CommitStatus::context)
                .containsExactly("driftless/a/prod", "driftless/b/prod", "driftless/c/prod");
    }

    @Test
    void aWaitingReportIsReplacedByANewerOneForTheSameContext() throws InterruptedException {
        publisher = StatusPublisher.start(10, 1, metrics);
        publisher.publish(REPOSITORY, this::blockingFirst, CommitStatus.pending(OTHER_SHA, "other", "prod", ""));
        await(firstStarted);

        Submission pending = publisher.publish(REPOSITORY, this::blockingFirst, CommitStatus.pending(SHA, "web", "prod", ""));
        Submission success = publisher.publish(REPOSITORY, this::blockingFirst, CommitStatus.success(SHA, "web", "prod", ""));
        release.countDown();

        assertThat(pending).isEqualTo(Submission.QUEUED);
        assertThat(success).isEqualTo(Submission.REPLACED);
        assertThat(metrics.await("published", 2, WAIT)).isEqualTo(2);
        assertThat(metrics.count("superseded")).isEqualTo(1);
        assertThat(reported).extracting(CommitStatus::state)
                .containsExactly(CommitStatus.State.PENDING, CommitStatus.State.SUCCESS);
        assertThat(reported.get(1).context()).isEqualTo("driftless/web/prod");
    }

    @Test
    void aLaterReportForTheSameContextWaitsForTheOneInFlight() throws InterruptedException {
        publisher = StatusPublisher.start(10, 4, metrics);
        publisher.publish(REPOSITORY, this::blockingFirst, CommitStatus.pending(SHA, "web", "prod", ""));
        await(firstStarted);

        publisher.publish(REPOSITORY, this::blockingFirst, CommitStatus.success(SHA, "web", "prod", ""));
        publisher.publish(REPOSITORY, this::blockingFirst, CommitStatus.success(SHA, "api", "prod", ""));
        // Three idle workers: the other context goes at once, the same context must not overtake.
        assertThat(metrics.await("published", 1, WAIT)).isEqualTo(1);
        assertThat(reported).extracting(CommitStatus::context).containsExactly("driftless/api/prod");
        release.countDown();

        assertThat(metrics.await("published", 3, WAIT)).isEqualTo(3);
        assertThat(reported).extracting(CommitStatus::state).containsExactly(
                CommitStatus.State.SUCCESS, CommitStatus.State.PENDING, CommitStatus.State.SUCCESS);
        assertThat(reported.get(2).context()).isEqualTo("driftless/web/prod");
    }

    @Test
    void aReporterThatThrowsIsCountedAsFailedAndTheWorkerCarriesOn() throws InterruptedException {
        publisher = StatusPublisher.start(10, 1, metrics);
        CommitStatusReporter broken = (repository, status) -> {
            throw new IllegalStateException("boom");
        };

        assertThatCode(() -> publisher.publish(REPOSITORY, broken, CommitStatus.pending(SHA, "web", "prod", "")))
                .doesNotThrowAnyException();
        publisher.publish(REPOSITORY, (repository, status) -> new ReportOutcome.Published(Provider.GITHUB, 201, 1),
                CommitStatus.success(SHA, "api", "prod", ""));

        assertThat(metrics.await("failed", 1, WAIT)).isEqualTo(1);
        assertThat(metrics.await("published", 1, WAIT)).isEqualTo(1);
    }

    @Test
    void eachOutcomeIsCountedOnce() throws InterruptedException {
        publisher = StatusPublisher.start(10, 1, metrics);

        publisher.publish(REPOSITORY, (r, s) -> new ReportOutcome.CircuitOpen(Provider.GITHUB, "api.github.com"),
                CommitStatus.pending(SHA, "a", "prod", ""));
        publisher.publish(REPOSITORY, (r, s) -> new ReportOutcome.Rejected(Provider.GITHUB, 404, "not found"),
                CommitStatus.pending(SHA, "b", "prod", ""));
        publisher.publish(REPOSITORY, (r, s) -> new ReportOutcome.Unavailable(Provider.GITHUB, "HTTP 503", 3),
                CommitStatus.pending(SHA, "c", "prod", ""));
        publisher.publish(REPOSITORY, (r, s) -> null, CommitStatus.pending(SHA, "d", "prod", ""));

        assertThat(metrics.await("failed", 3, WAIT)).isEqualTo(3);
        assertThat(metrics.await("circuitOpen", 1, WAIT)).isEqualTo(1);
        assertThat(metrics.count("published")).isZero();
    }

    @Test
    void aClosedPublisherDropsAndCounts() {
        publisher = StatusPublisher.start(10, 1, metrics);
        publisher.close(Duration.ofSeconds(1));

        Submission submission = publisher.publish(REPOSITORY, this::blockingFirst,
                CommitStatus.pending(SHA, "web", "prod", ""));

        assertThat(submission).isEqualTo(Submission.DROPPED);
        assertThat(metrics.count("dropped")).isEqualTo(1);
    }

    @Test
    void closingGivesUpOnReportsThatCannotBeSentInTime() {
        publisher = StatusPublisher.start(10, 1, metrics);
        publisher.publish(REPOSITORY, this::blockingFirst, CommitStatus.pending(SHA, "a", "prod", ""));
        await(firstStarted);
        publisher.publish(REPOSITORY, this::blockingFirst, CommitStatus.pending(SHA, "b", "prod", ""));

        publisher.close(Duration.ofMillis(100));

        assertThat(metrics.count("dropped")).isEqualTo(1);
    }

    @Test
    void nullArgumentsAreDroppedNotThrown() {
        publisher = StatusPublisher.start(10, 1, metrics);

        assertThat(publisher.publish(REPOSITORY, null, CommitStatus.pending(SHA, "web", "prod", "")))
                .isEqualTo(Submission.DROPPED);
        assertThat(publisher.publish(null, this::blockingFirst, null)).isEqualTo(Submission.DROPPED);
        assertThat(metrics.count("dropped")).isEqualTo(1);
    }

    @Test
    void metricsThatThrowCannotStopAReport() throws InterruptedException {
        CountDownLatch delivered = new CountDownLatch(1);
        StatusMetrics broken = new StatusMetrics() {
            @Override
            public void published(Provider provider) {
                delivered.countDown();
                throw new IllegalStateException("registry closed");
            }
        };
        publisher = StatusPublisher.start(10, 1, broken);

        publisher.publish(REPOSITORY, (r, s) -> new ReportOutcome.Published(Provider.GITHUB, 201, 1),
                CommitStatus.pending(SHA, "a", "prod", ""));
        publisher.publish(REPOSITORY, (r, s) -> new ReportOutcome.Published(Provider.GITHUB, 201, 1),
                CommitStatus.pending(SHA, "b", "prod", ""));

        assertThat(delivered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        publisher.close(WAIT);
        assertThat(publisher.pending()).isZero();
    }

    @Test
    void aRolloutsStartAndEndReachTheProviderInOrder() throws InterruptedException {
        try (RecordingServer server = RecordingServer.start();
                StatusClients clients = StatusClients.create(StatusClientOptions.defaults()
                        .withDefaultTargetUrl(URI.create("https://driftless.example.com/")), Clock.systemUTC(),
                        new RecordingScheduler())) {
            server.answer(Answer.of(502));
            RepositoryRef repository = RepositoryRef.parse("https://git.example.com/acme/fleet.git", Provider.GITEA,
                    server.uri("/api/v1"));
            CommitStatusReporter reporter = clients.reporter(Provider.GITEA, Credential.token("gitea-token"));
            publisher = StatusPublisher.start(10, 2, metrics);

            publisher.publish(repository, reporter, CommitStatus.pending(SHA, "web", "prod", "rolling out"));
            assertThat(metrics.await("published", 1, WAIT)).isEqualTo(1);
            publisher.publish(repository, reporter, CommitStatus.success(SHA, "web", "prod", "3 of 3 healthy"));
            assertThat(metrics.await("published", 2, WAIT)).isEqualTo(2);

            assertThat(server.requests()).extracting(r -> r.body().replaceAll(".*\"state\":\"([a-z]+)\".*", "$1"))
                    .containsExactly("pending", "pending", "success");
        }
    }
}
