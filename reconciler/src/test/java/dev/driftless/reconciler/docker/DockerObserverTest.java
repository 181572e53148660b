package dev.driftless.reconciler.docker;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The exit code read from the engine's list entry, which tells a finished job from a stopped container. */
class DockerObserverTest {

    @Test
    void readsTheExitCodeOfAnExitedContainerFromItsStatus() {
        assertThat(DockerObserver.exitCode("Exited (137) 5 seconds ago")).isEqualTo(OptionalInt.of(137));
        assertThat(DockerObserver.exitCode("Exited (0) About a minute ago")).isEqualTo(OptionalInt.of(0));
    }

    @Test
    void hasNoExitCodeForAContainerThatDidNotExit() {
        assertThat(DockerObserver.exitCode("Up 3 minutes (healthy)")).isEmpty();
        assertThat(DockerObserver.exitCode("Created")).isEmpty();
        assertThat(DockerObserver.exitCode(null)).isEmpty();
    }
}
