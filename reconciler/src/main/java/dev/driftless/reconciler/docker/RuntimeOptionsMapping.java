package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import dev.driftless.manifests.model.RuntimeOptions;

/**
 * Puts a service's {@link RuntimeOptions} on the engine's create call, field by field as
 * {@code docker compose} does, so that {@code docker inspect} shows the same container either way.
 */
final class RuntimeOptionsMapping {

    private RuntimeOptionsMapping() {
    }

    static void apply(RuntimeOptions runtime, CreateContainerCmd create, HostConfig host) {
        // RuntimeOptions has no field yet.
    }
}
