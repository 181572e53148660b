package dev.driftless.reconciler.state;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One container carrying Driftless's labels, as the engine reported it. Built by the Docker
 * adapter from a single list call, so the planner sees only this value, never docker-java's.
 *
 * @param name the container's name without the leading slash the engine reports
 * @param number the Compose container number, 0 when the label is missing or unreadable
 * @param specHash the spec hash it was created from, "" when missing
 * @param imageId the id of the image it runs, "" when not reported
 * @param exitCode the code it exited with, when it has exited and the engine said so: it tells a
 *     one-shot service that ran to completion (0) from a container stopped by hand (137, 143)
 * @param volumeMounts the volumes it mounts, named and anonymous alike, by mount point (bind and
 *     tmpfs mounts are not volumes): a replacement takes over the anonymous ones, as Compose does,
 *     so that data kept in an image's {@code VOLUME} survives a new revision
 */
public record ObservedContainer(String id, String name, String app, String service, int number, String specHash,
        String revision, ContainerState state, Map<String, String> labels, String imageId, OptionalInt exitCode,
        Map<String, String> volumeMounts) {

    /** A container whose volumes were not reported. */
    public ObservedContainer(String id, String name, String app, String service, int number, String specHash,
            String revision, ContainerState state, Map<String, String> labels, String imageId, OptionalInt exitCode) {
        this(id, name, app, service, number, specHash, revision, state, labels, imageId, exitCode, Map.of());
    }

    /** A container whose exit code was not reported. */
    public ObservedContainer(String id, String name, String app, String service, int number, String specHash,
            String revision, ContainerState state, Map<String, String> labels, String imageId) {
        this(id, name, app, service, number, specHash, revision, state, labels, imageId, OptionalInt.empty());
    }

    /** A container whose image id was not reported. */
    public ObservedContainer(String id, String name, String app, String service, int number, String specHash,
            String revision, ContainerState state, Map<String, String> labels) {
        this(id, name, app, service, number, specHash, revision, state, labels, "");
    }

    public ObservedContainer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(specHash, "specHash");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(state, "state");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(exitCode, "exitCode");
        volumeMounts = Map.copyOf(volumeMounts);
    }

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
