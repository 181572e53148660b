package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import dev.driftless.manifests.model.Resources;
import dev.driftless.manifests.model.RestartPolicy;
import dev.driftless.manifests.model.RuntimeOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The create call built from runtime options, checked without an engine for what the parity tests
 * cannot show on this machine (privileged containers do not start here).
 */
class RuntimeOptionsMappingTest {

    private static CreateContainerCmdImpl create() {
        return new CreateContainerCmdImpl(command -> null, null, "busybox:1.36");
    }

    @Test
    void optionsAtTheirDefaultSendNothing() {
        CreateContainerCmdImpl create = create();
        HostConfig host = HostConfig.newHostConfig();

        RuntimeOptionsMapping.apply("shop", RuntimeOptions.NONE, create, host);

        assertThat(host).isEqualTo(HostConfig.newHostConfig());
        assertThat(create.getEntrypoint()).isNull();
        assertThat(create.getHealthcheck()).isNull();
        assertThat(create.getUser()).isNull();
    }

    @Test
    void restartNoIsSentAsWrittenAsDockerComposeSendsIt() {
        HostConfig host = HostConfig.newHostConfig();

        RuntimeOptionsMapping.apply("shop", RuntimeOptions.builder().restart(new RestartPolicy("no", 0)).build(), create(), host);

        assertThat(host.getRestartPolicy().getName()).isEqualTo("no");
    }

    @Test
    void privilegedCapabilitiesAndLimitsReachTheHostConfig() {
        HostConfig host = HostConfig.newHostConfig();
        RuntimeOptions runtime = RuntimeOptions.builder().privileged(true).capAdd(List.of("NET_ADMIN"))
                .resources(new Resources(500_000_000L, 1 << 20, 0, 10, 0)).build();

        RuntimeOptionsMapping.apply("shop", runtime, create(), host);

        assertThat(host.getPrivileged()).isTrue();
        assertThat(host.getCapAdd()).extracting(Enum::name).containsExactly("NET_ADMIN");
        assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(host.getMemory()).isEqualTo(1L << 20);
        assertThat(host.getPidsLimit()).isEqualTo(10L);
    }

    @Test
    void aNamespaceOfAnotherServiceIsItsFirstContainersAndOthersAreSentAsWritten() {
        HostConfig host = HostConfig.newHostConfig();
        RuntimeOptions runtime = RuntimeOptions.builder().pid("service:db").ipc("container:cache").build();

        RuntimeOptionsMapping.apply("shop", runtime, create(), host);

        assertThat(host.getPidMode()).isEqualTo("container:shop-db-1");
        assertThat(host.getIpcMode()).isEqualTo("container:cache");
    }
}
