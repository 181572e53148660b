package dev.driftless.reconciler.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Ulimit;
import dev.driftless.manifests.model.Resources;
import dev.driftless.manifests.model.RuntimeOptions;
import dev.driftless.reconciler.state.ContainerName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Puts a service's {@link RuntimeOptions} on the engine's create call, field by field as
 * {@code docker compose} does, so that {@code docker inspect} shows the same container either way.
 * An option at its default is not sent at all, which leaves the engine's (or the image's) default,
 * exactly as when the key is absent from the Compose file.
 */
final class RuntimeOptionsMapping {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RuntimeOptionsMapping() {
    }

    static void apply(String app, RuntimeOptions runtime, CreateContainerCmd create, HostConfig host) {
        process(runtime, create);
        runtime.healthcheck().ifPresent(check -> create.withHealthcheck(healthCheck(check)));
        if (!runtime.expose().isEmpty()) {
            List<ExposedPort> exposed = new ArrayList<>(create.getExposedPorts() == null ? List.of()
                    : List.of(create.getExposedPorts()));
            runtime.expose().stream().map(ExposedPort::parse).filter(port -> !exposed.contains(port))
                    .forEach(exposed::add);
            create.withExposedPorts(exposed);
        }
        if (!runtime.restart().name().isEmpty()) {
            host.withRestartPolicy(restartPolicy(runtime.restart()));
        }
        resources(runtime.resources(), host);
        namespaces(app, runtime, host);
        security(runtime, host);
        kernel(runtime, host);
        runtime.logging().ifPresent(logging -> host.withLogConfig(new LogConfig(
                logging.driver().isEmpty() ? null : LogConfig.LoggingType.fromValue(logging.driver()),
                logging.options().isEmpty() ? null : new LinkedHashMap<>(logging.options()))));
    }

    private static void process(RuntimeOptions runtime, CreateContainerCmd create) {
        runtime.entrypoint().ifPresent(create::withEntrypoint);
        text(runtime.user()).ifPresent(create::withUser);
        text(runtime.workingDir()).ifPresent(create::withWorkingDir);
        text(runtime.hostname()).ifPresent(create::withHostName);
        text(runtime.domainname()).ifPresent(create::withDomainName);
        text(runtime.stopSignal()).ifPresent(create::withStopSignal);
        // docker compose sends whole seconds; the engine takes no finer stop timeout.
        runtime.stopGracePeriod().ifPresent(period -> create.withStopTimeout((int) period.toSeconds()));
    }

    /**
     * docker-java can name every policy but {@code no}, which it sends as the engine's default
     * {@code ""}; docker compose sends {@code no} as written, so the value is built from its JSON.
     */
    private static RestartPolicy restartPolicy(dev.driftless.manifests.model.RestartPolicy policy) {
        if (!policy.name().equals("no")) {
            return RestartPolicy.parse(policy.name()
                    + (policy.maximumRetryCount() > 0 ? ":" + policy.maximumRetryCount() : ""));
        }
        try {
            return JSON.readValue("{\"Name\":\"no\",\"MaximumRetryCount\":0}", RestartPolicy.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("docker-java's RestartPolicy no longer reads its own JSON", e);
        }
    }

    private static HealthCheck healthCheck(dev.driftless.manifests.model.HealthCheck check) {
        HealthCheck health = new HealthCheck();
        if (!check.test().isEmpty()) {
            health.withTest(check.test());
        }
        check.interval().map(Duration::toNanos).ifPresent(health::withInterval);
        check.timeout().map(Duration::toNanos).ifPresent(health::withTimeout);
        check.startPeriod().map(Duration::toNanos).ifPresent(health::withStartPeriod);
        check.startInterval().map(Duration::toNanos).ifPresent(health::withStartInterval);
        if (check.retries().isPresent()) {
            health.withRetries(check.retries().getAsInt());
        }
        return health;
    }

    /** {@code service:NAME} is the namespace of that service's first container, as Compose makes it. */
    private static String namespace(String app, String mode) {
        return mode.startsWith("service:")
                ? "container:" + ContainerName.of(app, mode.substring("service:".length()), 1)
                : mode;
    }

    private static void resources(Resources resources, HostConfig host) {
        positive(resources.nanoCpus()).ifPresent(host::withNanoCPUs);
        positive(resources.memory()).ifPresent(host::withMemory);
        positive(resources.memoryReservation()).ifPresent(host::withMemoryReservation);
        if (resources.pidsLimit() != 0) {
            host.withPidsLimit(resources.pidsLimit());
        }
        positive(resources.cpuShares()).ifPresent(shares -> host.withCpuShares(Math.toIntExact(shares)));
    }

    private static void namespaces(String app, RuntimeOptions runtime, HostConfig host) {
        text(runtime.pid()).map(mode -> namespace(app, mode)).ifPresent(host::withPidMode);
        text(runtime.ipc()).map(mode -> namespace(app, mode)).ifPresent(host::withIpcMode);
        if (!runtime.extraHosts().isEmpty()) {
            host.withExtraHosts(runtime.extraHosts().toArray(String[]::new));
        }
        if (!runtime.dns().isEmpty()) {
            host.withDns(runtime.dns());
        }
        if (!runtime.dnsSearch().isEmpty()) {
            host.withDnsSearch(runtime.dnsSearch());
        }
    }

    private static void security(RuntimeOptions runtime, HostConfig host) {
        if (!runtime.capAdd().isEmpty()) {
            host.withCapAdd(runtime.capAdd().stream().map(Capability::valueOf).toArray(Capability[]::new));
        }
        if (!runtime.capDrop().isEmpty()) {
            host.withCapDrop(runtime.capDrop().stream().map(Capability::valueOf).toArray(Capability[]::new));
        }
        if (runtime.privileged()) {
            host.withPrivileged(true);
        }
        if (runtime.readOnly()) {
            host.withReadonlyRootfs(true);
        }
        runtime.init().ifPresent(host::withInit);
        if (!runtime.securityOpt().isEmpty()) {
            host.withSecurityOpts(runtime.securityOpt());
        }
        if (!runtime.groupAdd().isEmpty()) {
            host.withGroupAdd(runtime.groupAdd());
        }
        if (!runtime.devices().isEmpty()) {
            host.withDevices(runtime.devices().stream()
                    .map(device -> new Device(device.permissions(), device.pathInContainer(), device.pathOnHost()))
                    .toList());
        }
    }

    private static void kernel(RuntimeOptions runtime, HostConfig host) {
        if (!runtime.ulimits().isEmpty()) {
            host.withUlimits(runtime.ulimits().stream()
                    .map(ulimit -> new Ulimit(ulimit.name(), ulimit.soft(), ulimit.hard()))
                    .toList());
        }
        if (!runtime.sysctls().isEmpty()) {
            host.withSysctls(new LinkedHashMap<>(runtime.sysctls()));
        }
        positive(runtime.shmSize()).ifPresent(host::withShmSize);
    }

    private static Optional<String> text(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Long> positive(long value) {
        return value > 0 ? Optional.of(value) : Optional.empty();
    }
}
