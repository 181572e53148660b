package dev.driftless.reconciler.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.driftless.reconciler.state.OwnershipLabels;
import dev.driftless.reconciler.testing.SharedEngine;
import dev.driftless.reconciler.testing.TestEngine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The idempotent operations a rollout is made of, on the real engine, where they meet what an
 * interrupted run or a person left behind: they create first and look only when the engine says a
 * name is taken, so these are the paths a crash or a leftover takes.
 */
class ContainerOpsIT {

    @RegisterExtension
    static final SharedEngine ENGINE = new SharedEngine();

    private DockerClient docker;
    private ContainerOps ops;
    private String app;
    private final AtomicInteger creates = new AtomicInteger();

    @BeforeEach
    void newApp() {
        docker = ENGINE.docker();
        app = TestEngine.uniqueApp("ops");
        ops = new ContainerOps(ENGINE.engine(), app);
    }

    @Test
    void aContainerAnInterruptedRunLeftWithTheSameSpecIsTakenAsItIs() {
        String leftover = web("h1");

        String id = ops.createIfAbsent(app + "-web-1", "h1",
                () -> web("h1"));

        assertThat(id).isEqualTo(leftover);
        assertThat(creates).hasValue(2);
    }

    @Test
    void aContainerOfTheAppFromAnotherSpecHoldingTheNameIsReplaced() {
        String unproven = web("old");

        String id = ops.createIfAbsent(app + "-web-1", "new",
                () -> web("new"));

        assertThat(id).isNotEqualTo(unproven);
        assertThat(docker.inspectContainerCmd(id).exec().getConfig().getLabels())
                .containsEntry(OwnershipLabels.SPEC_HASH, "new");
        assertThatThrownBy(() -> docker.inspectContainerCmd(unproven).exec()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aContainerWithoutTheAppsLabelHoldingTheNameIsRefusedAndLeftAlone() {
        String foreign = create(app + "-web-1", Map.of(TestEngine.TEST_LABEL, "hand-started"));

        assertThatThrownBy(() -> ops.createIfAbsent(app + "-web-1", "h1",
                () -> web("h1")))
                .hasMessageContaining("Driftless does not touch it");
        assertThat(docker.inspectContainerCmd(foreign).exec().getName()).isEqualTo("/" + app + "-web-1");
    }

    @Test
    void renamingToTheNameAContainerAlreadyHasIsDoneAndANameTakenIsSaidSo() {
        String web = create(app + "-web-1", Map.of(OwnershipLabels.APP, app));
        String other = create(app + "-web-1-driftless-old", Map.of(OwnershipLabels.APP, app));

        ops.renameIfStillNamed(web, app + "-web-1");

        assertThat(docker.inspectContainerCmd(web).exec().getName()).isEqualTo("/" + app + "-web-1");
        assertThatThrownBy(() -> ops.renameIfStillNamed(web, app + "-web-1-driftless-old"))
                .isInstanceOf(ContainerOps.NameTaken.class);
        assertThat(docker.inspectContainerCmd(other).exec().getName()).isEqualTo("/" + app + "-web-1-driftless-old");
    }

    @Test
    void removingAContainerAlreadyGoneSucceeds() {
        String web = create(app + "-web-1", Map.of(OwnershipLabels.APP, app));
        ops.removeIfPresent(web);

        ops.removeIfPresent(web);

        assertThat(docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(OwnershipLabels.APP, app)).exec()).isEmpty();
    }

    /** The app's web-1 made from spec {@code specHash}. */
    private String web(String specHash) {
        return create(app + "-web-1", Map.of(OwnershipLabels.APP, app, OwnershipLabels.SPEC_HASH, specHash));
    }

    /** A stopped container (never started: nothing here needs it to run), named with the test prefix. */
    private String create(String name, Map<String, String> labels) {
        creates.incrementAndGet();
        return docker.createContainerCmd("busybox:1.36").withName(name).withCmd(List.of("true"))
                .withLabels(labels).exec().getId();
    }
}
