package dev.driftless.reconciler.docker;

import dev.driftless.reconciler.files.HostFiles;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import dev.driftless.providers.source.SourceSpec;
import dev.driftless.reconciler.engine.AppOutcome;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.engine.ReconcileReport;
import dev.driftless.reconciler.engine.ReconcileScope;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.engine.Trigger;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.source.DirectorySource;
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
import java.util.Map;
import java.util.Set;

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
                DockerApplier.connecting(() -> engine, clock, HealthGate.DEFAULT, BuildLogs.in(temp.resolve("build-logs")), HostFiles.none()), history,
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

        ReconcileReport report = reconcile();

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

        ReconcileReport again = reconcile();
        assertThat(again.outcomes()).allMatch(outcome -> outcome instanceof AppOutcome.InSync, again.toString());
    }

    @Test
    void aChangeInsideTheContextRebuildsAndRecreatesAndOneOutsideDoesNot() throws IOException {
        writeApp("first").commit("First");
        reconcile();
        String container = docker.inspectContainerCmd(app + "-web-1").exec().getId();
        String image = docker.inspectImageCmd(app + "-web").exec().getId();

        repo.write(app + "/README.md", "outside the context").write("docs/notes.md", "elsewhere").commit("Docs");
        ReconcileReport outside = reconcile();

        assertThat(outside.outcomes()).allMatch(outcome -> outcome instanceof AppOutcome.InSync, outside.toString());
        assertThat(docker.inspectContainerCmd(app + "-web-1").exec().getId()).isEqualTo(container);
        assertThat(docker.inspectImageCmd(app + "-web").exec().getId()).isEqualTo(image);

        repo.write(app + "/web/greeting.txt", "second").commit("Say it again");
        ReconcileReport inside = reconcile();

        assertThat(inside.failed()).as(inside.toString()).isFalse();
        InspectContainerResponse web = docker.inspectContainerCmd(app + "-web-1").exec();
        assertThat(web.getId()).isNotEqualTo(container);
        assertThat(web.getImageId()).isNotEqualTo(image);
        assertThat(greetingIn(app + "-web-1")).isEqualTo("second");
    }

    @Test
    void aBrokenDockerfileFailsTheRolloutNamingTheStepAndKeepsTheOldContainerRunning() {
        writeApp("working").commit("Working");
        reconcile();
        String container = docker.inspectContainerCmd(app + "-web-1").exec().getId();

        repo.write(app + "/web/Dockerfile", "FROM busybox:1.36\nRUN echo about to fail && exit 3\n").commit("Break");
        ReconcileReport report = reconcile();

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

        ReconcileReport report = reconcile();

        assertThat(report.failed()).isTrue();
        assertThat(history.last(app).orElseThrow().error()).contains("image " + missing + " is not on the engine and "
                + "pull_policy is never");
        assertThatThrownBy(() -> docker.inspectContainerCmd(app + "-web-1").exec()).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> docker.inspectImageCmd(missing).exec()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aTagMovedToAnotherImageRecreatesTheContainer() {
        String tag = app + "-base";
        docker.tagImageCmd("busybox:1.36", tag, "1").exec();
        try {
            repo.write(app + "/compose.yaml", """
                    services:
                      web:
                        image: %s:1
                        pull_policy: never
                        command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
                        labels:
                          %s: build-it
                    """.formatted(tag, TestEngine.TEST_LABEL)).commit("Run the base image");
            reconcile();
            InspectContainerResponse before = docker.inspectContainerCmd(app + "-web-1").exec();
            assertThat(reconcile().outcomes())
                    .allMatch(outcome -> outcome instanceof AppOutcome.InSync);

            String moved = moveTag(tag + ":1");
            ReconcileReport report = reconcile();

            assertThat(report.failed()).as(report.toString()).isFalse();
            InspectContainerResponse after = docker.inspectContainerCmd(app + "-web-1").exec();
            assertThat(after.getId()).isNotEqualTo(before.getId());
            assertThat(after.getImageId()).isEqualTo(moved).isNotEqualTo(before.getImageId());
            assertThat(history.last(app).orElseThrow().summary()).contains("tag moved: digest changed (" + tag + ":1 "
                    + "is now image ");
        } finally {
            TestEngine.removeTestObjects(docker);
            removeTestImages(); // the image the tag moved to
            try {
                docker.removeImageCmd(tag + ":1").exec(); // only untags: busybox keeps its own tags
            } catch (NotFoundException gone) {
                // removed with the image it named
            }
        }
    }

    /**
     * Points {@code reference} at a new image (busybox:1.36 committed again, labelled with this
     * test's app so that it is removed with the others) and returns its id. The offline busybox
     * tags all name one image here, so a retag between them would move nothing.
     */
    private String moveTag(String reference) {
        String helper = docker.createContainerCmd("busybox:1.36").withName(app + "-committer")
                .withLabels(Map.of(TestEngine.TEST_LABEL, "hand-started")).exec().getId();
        try {
            int colon = reference.lastIndexOf(':');
            return docker.commitCmd(helper).withRepository(reference.substring(0, colon))
                    .withTag(reference.substring(colon + 1)).withLabels(Map.of(OwnershipLabels.APP, app)).exec();
        } finally {
            docker.removeContainerCmd(helper).withForce(true).exec();
        }
    }

    @Test
    void aLocalFolderIsBuiltFromToo() throws IOException {
        Path folder = temp.resolve("folder");
        Files.createDirectories(folder.resolve(app + "/web"));
        Files.writeString(folder.resolve(app + "/compose.yaml"), """
                services:
                  web:
                    build: ./web
                    labels:
                      %s: build-it
                """.formatted(TestEngine.TEST_LABEL));
        Files.writeString(folder.resolve(app + "/web/Dockerfile"), DOCKERFILE);
        Files.writeString(folder.resolve(app + "/web/greeting.txt"), "from a folder");
        Clock clock = Clock.systemUTC();
        Reconciler local = new Reconciler(new DirectorySource(folder), () -> DockerObserver.observe(engine),
                DockerApplier.connecting(() -> engine, clock, HealthGate.DEFAULT, BuildLogs.NONE, HostFiles.none()), history, ReconcileMetrics.NONE,
                PlanPolicy.defaults(), clock);

        ReconcileReport report = local.reconcile(Trigger.POLL, ReconcileScope.apps(Set.of(app)));

        assertThat(report.failed()).as(report.toString()).isFalse();
        assertThat(greetingIn(app + "-web-1")).isEqualTo("from a folder");
    }

    /**
     * Reconciles this test's app only: the engine is shared with other test runs, whose apps a
     * whole-source reconcile would prune as "removed from the repo".
     */
    private ReconcileReport reconcile() {
        return reconciler.reconcile(Trigger.POLL, ReconcileScope.apps(Set.of(app)));
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
