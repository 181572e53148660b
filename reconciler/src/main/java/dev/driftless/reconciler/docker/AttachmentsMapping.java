package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import dev.driftless.manifests.model.Attachments;

/**
 * Puts a service's networks and mounts on the engine's create call, as {@code docker compose}
 * does: the first network at create time, mounts in the host config.
 */
final class AttachmentsMapping {

    private AttachmentsMapping() {
    }

    static void apply(String app, Attachments attachments, CreateContainerCmd create, HostConfig host) {
        // Attachments has no field yet.
    }
}
