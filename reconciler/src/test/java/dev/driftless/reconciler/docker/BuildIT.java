package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import dev.driftless.providers.source.SourceSpec;
import dev.driftless.reconciler.engine.AppOutcome;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.engine.ReconcileReport;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.engine.Trigger;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.source.GitDesiredStateSource;
import dev.driftless.reconciler.state.ImageLabels;
import dev.driftless.reconciler.state.OwnershipLabels;
import dev.driftless.reconciler.testing.RecordingHistory;
import dev.driftless.reconciler.testing.TestEngine;
import dev.driftless.reconciler.testing.TestRepo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code build:} on the real engine: images built from the revision's files (never a checkout on
 * disk), rebuilt exactly when their context changes, and a broken build that leaves what runs alone.
 */
class BuildIT {

    private static final String DOCKERFILE = """
            FROM busybox:1.36
            COPY greeting.txt /greeting.txt
            CMD ["sh", "-c", "cat /greeting.txt; trap 'exit 0' TERM; sleep 3600 & wait"]
            """;

    private static DockerEngine engine;
    private static DockerClient docker;

    @TempDir
    Path temp;

    private String app;
    private TestRepo repo;
    private GitDesiredStateSource source;
    private RecordingHistory history;
    private Reconciler reconciler;

    @BeforeAll
    static void connect() {
        engine = TestEngine.connect();
        docker = engine.client();
        TestEngine.removeTestObjects(docker);
        removeTestImages();
    }

    @AfterAll
    static void disconnect() {
        if (engine != null) {
            TestEngine.removeTestObjects(docker);
            removeTestImages();
            engine.close();
        }
    }

    @BeforeEach
    void newRepo() {
        app = TestEngine.uniqueApp("build");
        repo = TestRepo.init(temp.resolve("repo"));
        source = new GitDesiredStateSource(new SourceSpec(repo.directory().toString(), "main"), temp.resolve("cache"));
        history = new RecordingHistory();
        Clock clock = Clock.systemUTC();
        reconciler = new Reconciler(source, () -> DockerObserver.observe(engine),
                DockerApplier.connecting(() -> engine, clock, BuildLogs.in(temp.resolve("build-logs"))), history,
                ReconcileMetrics.NONE, PlanPolicy.defaults(), clock);
    }

    @AfterEach
    void closeRepo() {
        source.close();
        repo.close();
    }

    @Test
    void aBuiltServiceRunsItsImageTaggedAndLabelledByRevisionAndKeepsTheBuildLog() throws Exception {
        String revision = writeApp("hello from the repo").commit("Add a built web");

        ReconcileReport report = reconciler.reconcile(Trigger.POLL);

        assertThat(report.failed()).as(report.toString()).isFalse();
        InspectContainerResponse web = docker.inspectContainerCmd(app + "-web-1").exec();
        assertThat(web.getState().getRunning()).isTrue();
        assertThat(web.getConfig().getImage()).isEqualTo(app + "-web");
        var image = docker.inspectImageCmd(app + "-web").exec();
        assertThat(image.getId()).isEqualTo(web.getImageId());
        assertThat(image.getConfig().getLabels())
                .containsEntry(OwnershipLabels.REVISION, revision)
                .containsEntry(OwnershipLabels.APP, app)
                .containsEntry(OwnershipLabels.SERVICE, "web")
                .containsKey(ImageLabels.BUILD_HASH);
        assertThat(greetingIn(app + "-web-1")).isEqualTo("hello from the repo");
        assertThat(history.last(app).orElseThrow().summary()).contains("image built from " + app + "/web at "
                + revision.substring(0, 12));
        String log = Files.readString(temp.resolve("build-logs").resolve(app).resolve("web.log"));
        assertThat(log).containsPattern("Step 2/\\d+ : COPY greeting.txt /greeting.txt").contains(revision);

        ReconcileReport again = reconciler.reconcile(Trigger.POLL);
        assertThat(again.outcomes()).allMatch(outcome -> outcome instanceof AppOutcome.InSync, again.toString());
    }

    @Test
    void aChangeInsideTheContextRebuildsAndRecreatesAndOneOutsideDoesNot() throws IOException {
        writeApp("first").commit("First");
        reconciler.reconcile(Trigger.POLL);
        String container = docker.inspectContainerCmd(app + "-web-1").exec().getId();
        String image = docker.inspectImageCmd(app + "-web").exec().getId();

        repo.write(app + "/README.md", "outside the context").write("docs/notes.md", "elsewhere").commit("Docs");
        ReconcileReport outside = reconciler.reconcile(Trigger.POLL);

        assertThat(outside.outcomes()).allMatch(outcome -> outcome instanceof AppOutcome.InSync, outside.toString());
        assertThat(docker.inspectContainerCmd(app + "-web-1").exec().getId()).isEqualTo(container);
        assertThat(docker.inspectImageCmd(app + "-web").exec().getId()).isEqualTo(image);

        repo.write(app + "/web/greeting.txt", "second").commit("Say it again");
        ReconcileReport inside = reconciler.reconcile(Trigger.POLL);

        assertThat(inside.failed()).as(inside.toString()).isFalse();
        InspectContainerResponse web = docker.inspectContainerCmd(app + "-web-1").exec();
        assertThat(web.getId()).isNotEqualTo(container);
        assertThat(web.getImageId()).isNotEqualTo(image);
        assertThat(greetingIn(app + "-web-1")).isEqualTo("second");
    }

    @Test
    void aBrokenDockerfileFailsTheRolloutNamingTheStepAndKeepsTheOldContainerRunning() {
        writeApp("working").commit("Working");
        reconciler.reconcile(Trigger.POLL);
        String container = docker.inspectContainerCmd(app + "-web-1").exec().getId();

        repo.write(app + "/web/Dockerfile", "FROM busybox:1.36\nRUN echo about to fail && exit 3\n").commit("Break");
        ReconcileReport report = reconciler.reconcile(Trigger.POLL);

        assertThat(report.failed()).isTrue();
        String error = history.last(app).orElseThrow().error();
        assertThat(error).containsPattern("building image " + app + "-web from " + app + "/web failed at "
                + "'Step 2/\\d+ : RUN echo about to fail && exit 3'")
                .contains("returned a non-zero code: 3")
                .contains("last lines of the build log:")
                .contains("about to fail");
        InspectContainerResponse web = docker.inspectContainerCmd(app + "-web-1").exec();
        assertThat(web.getId()).isEqualTo(container);
        assertThat(web.getState().getRunning()).isTrue();
    }

    @Test
    void aMissingImageWithPullPolicyNeverFailsClearlyWithoutPulling() {
        String missing = TestEngine.APP_PREFIX + "absent:never";
        repo.write(app + "/compose.yaml", """
                services:
                  web:
                    image: %s
                    pull_policy: never
                    labels:
                      %s: build-it
                """.formatted(missing, TestEngine.TEST_LABEL)).commit("An image nobody has");

        ReconcileReport report = reconciler.reconcile(Trigger.POLL);

        assertThat(report.failed()).isTrue();
        assertThat(history.last(app).orElseThrow().error()).contains("image " + missing + " is not on the engine and "
                + "pull_policy is never");
        assertThatThrownBy(() -> docker.inspectContainerCmd(app + "-web-1").exec()).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> docker.inspectImageCmd(missing).exec()).isInstanceOf(NotFoundException.class);
    }

    private TestRepo writeApp(String greeting) {
        return repo.write(app + "/compose.yaml", """
                services:
                  web:
                    build: ./web
                    labels:
                      %s: build-it
                """.formatted(TestEngine.TEST_LABEL))
                .write(app + "/web/Dockerfile", DOCKERFILE)
                .write(app + "/web/greeting.txt", greeting);
    }

    /** The greeting the running container's image holds, read from the container itself. */
    private static String greetingIn(String container) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                docker.copyArchiveFromContainerCmd(container, "/greeting.txt").exec())) {
            assertThat(tar.getNextEntry()).isNotNull();
            return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Removes the images this run's tests built: those labelled with one of its apps, and no other.
     * Only top-level images are listed; removing one also removes its untagged build layers.
     */
    private static void removeTestImages() {
        List<Image> images = docker.listImagesCmd().withLabelFilter(OwnershipLabels.APP).exec();
        for (Image image : images) {
            String owner = image.getLabels() == null ? null : image.getLabels().get(OwnershipLabels.APP);
            if (owner != null && owner.startsWith(TestEngine.APP_PREFIX)) {
                try {
                    docker.removeImageCmd(image.getId()).withForce(true).exec();
                } catch (NotFoundException gone) {
                    // removed with another meanwhile
                }
            }
        }
    }
}
