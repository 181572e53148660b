package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import dev.driftless.providers.source.SourceSpec;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.engine.ReconcileReport;
import dev.driftless.reconciler.engine.ReconcileScope;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.engine.Trigger;
import dev.driftless.reconciler.files.HostFiles;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.source.GitDesiredStateSource;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Networks, volumes and repo-file bind mounts end to end: real git, the real engine. */
class AttachmentsIT {

    private static final String SLEEP = "    image: busybox:1.36\n"
            + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n"
            + "    labels: {" + TestEngine.TEST_LABEL + ": attachments}\n";

    private static DockerEngine engine;
    private static DockerClient docker;

    @TempDir
    Path temp;

    private String app;
    private TestRepo repo;
    private GitDesiredStateSource source;
    private Reconciler reconciler;

    @BeforeAll
    static void connect() {
        engine = TestEngine.connect();
        docker = engine.client();
        TestEngine.removeTestObjects(docker);
    }

    @AfterAll
    static void disconnect() {
        if (engine != null) {
            TestEngine.removeTestObjects(docker);
            engine.close();
        }
    }

    @BeforeEach
    void newRepo() {
        app = TestEngine.uniqueApp("attach");
        repo = TestRepo.init(temp.resolve("repo"));
        source = new GitDesiredStateSource(new SourceSpec(repo.directory().toString(), "main"), temp.resolve("cache"));
        Clock clock = Clock.systemUTC();
        reconciler = new Reconciler(source, () -> DockerObserver.observe(engine),
                new DockerApplier(engine, clock, 2, HostFiles.under(temp.resolve("data/files"))),
                new RecordingHistory(), ReconcileMetrics.NONE, PlanPolicy.defaults(), clock);
    }

    @AfterEach
    void closeRepo() {
        source.close();
        repo.close();
        TestEngine.removeTestObjects(docker);
    }

    private ReconcileReport deploy(String compose) {
        repo.write(app + "/compose.yaml", compose);
        repo.commit("deploy");
        return reconciler.reconcile(Trigger.POLL, ReconcileScope.apps(Set.of(app)));
    }

    private InspectContainerResponse web() {
        return docker.inspectContainerCmd(app + "-web-1").exec();
    }

    @Test
    void bindsACopyOfTheCommittedFileAndReplacesTheContainerWhenItChanges() throws Exception {
        repo.write(app + "/conf/app.conf", "v1\n");
        ReconcileReport first = deploy("services:\n  web:\n" + SLEEP + "    volumes: [\"./conf/app.conf:/etc/app.conf:ro\"]\n");
        assertThat(first.failed()).as(first.toString()).isFalse();
        String source1 = web().getMounts().get(0).getSource();
        assertThat(source1).startsWith(temp.resolve("data/files/" + app).toString()).endsWith("/app.conf");
        assertThat(Files.readString(Path.of(source1))).isEqualTo("v1\n");
        String firstId = web().getId();

        repo.write(app + "/conf/app.conf", "v2\n");
        ReconcileReport second = deploy("services:\n  web:\n" + SLEEP + "    volumes: [\"./conf/app.conf:/etc/app.conf:ro\"]\n");

        assertThat(second.failed()).as(second.toString()).isFalse();
        String source2 = web().getMounts().get(0).getSource();
        assertThat(web().getId()).isNotEqualTo(firstId);
        assertThat(Files.readString(Path.of(source2))).isEqualTo("v2\n");
        assertThat(Files.readString(Path.of(source1))).as("the old revision's copy is untouched").isEqualTo("v1\n");
    }

    @Test
    void recreatesANetworkWhoseSettingsChangedAndMovesTheContainersOntoIt() {
        String open = "services:\n  web:\n" + SLEEP + "    networks: [back]\nnetworks:\n  back: {}\n";
        assertThat(deploy(open).failed()).isFalse();
        Network before = docker.inspectNetworkCmd().withNetworkId(app + "_back").exec();
        assertThat(before.getLabels()).containsEntry(OwnershipLabels.COMPOSE_NETWORK, "back")
                .containsEntry(OwnershipLabels.COMPOSE_PROJECT, app).containsKey(OwnershipLabels.SPEC_HASH);
        assertThat(before.getInternal()).isFalse();

        ReconcileReport changed = deploy("services:\n  web:\n" + SLEEP
                + "    networks: [back]\nnetworks:\n  back: {internal: true}\n");

        assertThat(changed.failed()).as(changed.toString()).isFalse();
        Network after = docker.inspectNetworkCmd().withNetworkId(app + "_back").exec();
        assertThat(after.getId()).isNotEqualTo(before.getId());
        assertThat(after.getInternal()).isTrue();
        assertThat(web().getNetworkSettings().getNetworks()).containsOnlyKeys(app + "_back");
        assertThat(web().getNetworkSettings().getNetworks().get(app + "_back").getAliases()).contains("web");
    }

    @Test
    void keepsAVolumeUnlessTheRepoOptedInToItsRemoval() {
        String both = "services:\n  web:\n" + SLEEP + "    volumes: [\"keep:/keep\", \"scratch:/scratch\"]\n"
                + "volumes:\n  keep: {}\n  scratch: {x-driftless-prune: true}\n";
        assertThat(deploy(both).failed()).isFalse();
        assertThat(docker.inspectVolumeCmd(app + "_scratch").exec().getLabels())
                .containsEntry(OwnershipLabels.PRUNE, "true").containsEntry(OwnershipLabels.COMPOSE_VOLUME, "scratch");

        ReconcileReport none = deploy("services:\n  web:\n" + SLEEP);

        assertThat(none.failed()).as(none.toString()).isFalse();
        assertThat(docker.inspectVolumeCmd(app + "_keep").exec().getName()).isEqualTo(app + "_keep");
        assertThatThrownBy(() -> docker.inspectVolumeCmd(app + "_scratch").exec()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aReplacementTakesOverTheAnonymousVolumesOfTheServiceAndOfItsImage() {
        // /data is an anonymous volume of the service, /cache one of the image the revision builds:
        // docker compose keeps both across a recreate, and so must Driftless, or the data is gone.
        repo.write(app + "/web/Dockerfile", "FROM busybox:1.36\nVOLUME /cache\n");
        String service = "services:\n  web:\n    build: ./web\n"
                + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n"
                + "    labels: {" + TestEngine.TEST_LABEL + ": attachments}\n"
                + "    volumes: [/data]\n";
        try {
            ReconcileReport first = deploy(service + "    environment: {REVISION: \"1\"}\n");
            assertThat(first.failed()).as(first.toString()).isFalse();
            InspectContainerResponse before = web();
            Map<String, String> volumesBefore = volumesOf(before);
            assertThat(volumesBefore).containsOnlyKeys("/data", "/cache");

            ReconcileReport second = deploy(service + "    environment: {REVISION: \"2\"}\n");

            assertThat(second.failed()).as(second.toString()).isFalse();
            InspectContainerResponse after = web();
            assertThat(after.getId()).isNotEqualTo(before.getId());
            assertThat(volumesOf(after)).as("the same volumes, not new empty ones").isEqualTo(volumesBefore);
        } finally {
            // Taken over by name, the volumes are no longer the container's anonymous ones to the
            // engine, so removing the container with its volumes leaves them: they go by name.
            List<String> volumes = new java.util.ArrayList<>();
            for (var container : docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(OwnershipLabels.APP, app)).exec()) {
                volumesOf(docker.inspectContainerCmd(container.getId()).exec()).values().forEach(volumes::add);
                docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
            }
            for (String volume : volumes) {
                try {
                    docker.removeVolumeCmd(volume).exec();
                } catch (NotFoundException gone) {
                    // removed with its container
                }
            }
            for (var image : docker.listImagesCmd().withLabelFilter(Map.of(OwnershipLabels.APP, app)).exec()) {
                docker.removeImageCmd(image.getId()).withForce(true).exec();
            }
        }
    }

    private static Map<String, String> volumesOf(InspectContainerResponse container) {
        Map<String, String> volumes = new java.util.TreeMap<>();
        container.getMounts().stream().filter(mount -> mount.getName() != null)
                .forEach(mount -> volumes.put(mount.getDestination().getPath(), mount.getName()));
        return volumes;
    }

    @Test
    void aMissingExternalNetworkFailsTheAppAndCreatesNothing() {
        ReconcileReport report = deploy("services:\n  web:\n" + SLEEP
                + "    networks: [proxy]\nnetworks:\n  proxy: {external: true, name: " + app + "-absent}\n");

        assertThat(report.failed()).isTrue();
        assertThat(report.toString()).contains("is external, but no network named '" + app + "-absent' exists");
        assertThatThrownBy(() -> docker.inspectContainerCmd(app + "-web-1").exec()).isInstanceOf(NotFoundException.class);
    }
}
