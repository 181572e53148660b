package dev.driftless.reconciler.plan;

import dev.driftless.manifests.model.BuildSpec;
import dev.driftless.manifests.hash.ResourceHash;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.NetworkSpec;
import dev.driftless.manifests.model.VolumeSpec;
import dev.driftless.reconciler.state.ContainerName;
import dev.driftless.reconciler.state.ObservedContainer;

import java.util.Objects;

/**
 * One step of a plan: what to do to which object, and why, in words a user understands. A closed
 * set, so the applier, the printers and the tests must handle every kind.
 */
public sealed interface Action {

    /** The app this step belongs to; the applier refuses to touch any other app's objects. */
    String app();

    /** The object the step is about: a container, network or volume name. */
    String subject();

    /** Why the step is needed ("env changed", "service removed from the repo"). */
    String reason();

    /** What kind of step this is; its sign, verb and phase follow from it. */
    Kind kind();

    /** How it reads in a plan, terraform-style: {@code +} adds, {@code ~} changes, {@code -} removes. */
    default Change change() {
        return kind().change;
    }

    /** A short verb for machine-readable output: create, replace, start, remove, ... */
    default String verb() {
        return kind().verb;
    }

    /**
     * When the step may run: steps of one phase are independent of each other and run in
     * parallel; a phase starts only when the one before it has finished without failure.
     */
    default Phase phase() {
        return kind().phase;
    }

    /** The kinds of step, one per record below. */
    enum Kind {
        BUILD_IMAGE(Change.ADD, "build-image", Phase.IMAGES),
        PULL_IMAGE(Change.CHANGE, "pull-image", Phase.IMAGES),
        CREATE_NETWORK(Change.ADD, "create-network", Phase.NETWORKS_UP),
        RECREATE_NETWORK(Change.CHANGE, "recreate-network", Phase.NETWORKS_UP),
        CREATE_VOLUME(Change.ADD, "create-volume", Phase.NETWORKS_UP),
        CREATE(Change.ADD, "create", Phase.CONTAINERS),
        REPLACE(Change.CHANGE, "replace", Phase.CONTAINERS),
        START(Change.CHANGE, "start", Phase.CONTAINERS),
        RESTORE(Change.CHANGE, "restore", Phase.CONTAINERS),
        RESTART(Change.CHANGE, "restart", Phase.CONTAINERS),
        REMOVE(Change.REMOVE, "remove", Phase.REMOVALS),
        REMOVE_NETWORK(Change.REMOVE, "remove-network", Phase.NETWORKS_DOWN),
        REMOVE_VOLUME(Change.REMOVE, "remove-volume", Phase.NETWORKS_DOWN);

        private final Change change;
        private final String verb;
        private final Phase phase;

        Kind(Change change, String verb, Phase phase) {
            this.change = change;
            this.verb = verb;
            this.phase = phase;
        }

        /** The verb of this kind, as the journal and the JSON plan name it. */
        public String verb() {
            return verb;
        }
    }

    enum Phase { IMAGES, NETWORKS_UP, CONTAINERS, REMOVALS, NETWORKS_DOWN }

    enum Change {
        ADD('+'), CHANGE('~'), REMOVE('-');

        private final char sign;

        Change(char sign) {
            this.sign = sign;
        }

        public char sign() {
            return sign;
        }
    }

    /**
     * Build a service's image from the revision's files and tag it {@code image}. It comes first,
     * so a build that fails changes nothing that runs.
     *
     * @param buildHash the fingerprint of the build's inputs, put on the image as a label
     */
    record BuildImage(String app, String service, String image, BuildSpec build, String buildHash, String reason)
            implements Action {
        public BuildImage {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(build, "build");
            Objects.requireNonNull(buildHash, "buildHash");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String subject() {
            return image;
        }

        @Override
        public Kind kind() {
            return Kind.BUILD_IMAGE;
        }
    }

    /** Fetch {@code image} from its registry, as the service's {@code pull_policy} asks. */
    record PullImage(String app, String image, String reason) implements Action {
        public PullImage {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String subject() {
            return image;
        }

        @Override
        public Kind kind() {
            return Kind.PULL_IMAGE;
        }
    }

    /**
     * Make a network of the app (its default one, or one of the top-level {@code networks}), as
     * Compose does, so its services find each other by name.
     *
     * @param name the engine's name for it
     * @param specHash its configuration hash, kept as a label
     */
    record CreateNetwork(String app, NetworkSpec network, String name, String specHash, String reason)
            implements Action {
        public CreateNetwork {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(specHash, "specHash");
            Objects.requireNonNull(reason, "reason");
        }

        /** The app's default network with Compose's defaults. */
        public static CreateNetwork defaultFor(String app, String reason) {
            return new CreateNetwork(app, NetworkSpec.DEFAULT, NetworkSpec.DEFAULT.engineName(app),
                    ResourceHash.of(NetworkSpec.DEFAULT), reason);
        }

        @Override
        public String subject() {
            return name;
        }

        @Override
        public Kind kind() {
            return Kind.CREATE_NETWORK;
        }
    }

    /** Create and start container number {@code number} of a service. */
    record CreateContainer(String app, DesiredService service, int number, String specHash, String reason)
            implements Action {
        public CreateContainer {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(specHash, "specHash");
            Objects.requireNonNull(reason, "reason");
            if (number < 1) {
                throw new IllegalArgumentException("container numbers start at 1: " + number);
            }
        }

        @Override
        public String subject() {
            return ContainerName.of(app, service, number);
        }

        @Override
        public Kind kind() {
            return Kind.CREATE;
        }
    }

    /**
     * Replace a container with one made from the new spec, in {@code order}. The old one is kept,
     * stopped and renamed aside, until the new one has proved healthy, and put back if it does not.
     */
    record ReplaceContainer(ObservedContainer current, DesiredService service, String specHash, UpdateOrder order,
            String reason) implements Action {
        public ReplaceContainer {
            Objects.requireNonNull(current, "current");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(specHash, "specHash");
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(reason, "reason");
        }

        /** Stop-first, as Compose does by default. */
        public ReplaceContainer(ObservedContainer current, DesiredService service, String specHash, String reason) {
            this(current, service, specHash, UpdateOrder.STOP_FIRST, reason);
        }

        @Override
        public String app() {
            return current.app();
        }

        @Override
        public String subject() {
            return ContainerName.of(current.app(), service, current.number());
        }

        @Override
        public Kind kind() {
            return Kind.REPLACE;
        }
    }

    /** Start a container whose spec is right but which is not running (drift: stopped by hand). */
    record StartContainer(ObservedContainer container, String reason) implements Action {
        public StartContainer {
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String app() {
            return container.app();
        }

        @Override
        public String subject() {
            return container.name();
        }

        @Override
        public Kind kind() {
            return Kind.START;
        }
    }

    /**
     * Restart a running container whose spec is right, because services it depends on with
     * {@code depends_on: {NAME: {restart: true}}} are replaced in the same plan: Compose restarts a
     * dependent when it updates its dependency (a client that keeps a connection pool, a cache of
     * the dependency's address). It comes in its service's wave, after the dependencies', and is
     * health-gated like a start; a restart is idempotent enough that recovery re-does one a crash
     * interrupted.
     *
     * @param after the services it depends on with {@code restart: true} that the plan replaces;
     *     empty for a restart recovery re-does, which no step of its plan causes
     */
    record RestartContainer(ObservedContainer container, java.util.List<String> after, String reason)
            implements Action {
        public RestartContainer {
            Objects.requireNonNull(container, "container");
            after = java.util.List.copyOf(after);
            Objects.requireNonNull(reason, "reason");
        }

        /** The restart of {@code container} because the plan replaces {@code replaced}, which it depends on. */
        public static RestartContainer after(ObservedContainer container, java.util.List<String> replaced) {
            String names = replaced.size() == 1 ? replaced.get(0)
                    : String.join(", ", replaced.subList(0, replaced.size() - 1)) + " and "
                            + replaced.get(replaced.size() - 1);
            return new RestartContainer(container, replaced, "restarted because " + names + ", which it depends on "
                    + "with restart: true, " + (replaced.size() == 1 ? "was" : "were") + " replaced");
        }

        @Override
        public String app() {
            return container.app();
        }

        @Override
        public String subject() {
            return container.name();
        }

        @Override
        public Kind kind() {
            return Kind.RESTART;
        }
    }

    /**
     * Put back a container a replacement renamed aside and did not finish with (a crash, a stuck
     * rollout): the unproven one holding its name, if any, is removed, the old one takes its name
     * again and runs as it did. Recovery plans these; the next reconcile redoes the replacement.
     */
    record RestoreContainer(ObservedContainer aside, java.util.Optional<ObservedContainer> unproven, String reason)
            implements Action {
        public RestoreContainer {
            Objects.requireNonNull(aside, "aside");
            Objects.requireNonNull(unproven, "unproven");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String app() {
            return aside.app();
        }

        @Override
        public String subject() {
            return ContainerName.of(aside.app(), aside.service(), aside.number());
        }

        @Override
        public Kind kind() {
            return Kind.RESTORE;
        }
    }

    /** Stop and remove a container of ours that is no longer desired. */
    record RemoveContainer(ObservedContainer container, String reason) implements Action {
        public RemoveContainer {
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String app() {
            return container.app();
        }

        @Override
        public String subject() {
            return container.name();
        }

        @Override
        public Kind kind() {
            return Kind.REMOVE;
        }
    }

    /**
     * Recreate a network of ours whose configuration changed in the repo, as Compose does: the app's
     * containers on it are disconnected (they are being replaced in the same plan, since a joined
     * network's settings are part of their spec hash), the network removed and made anew.
     */
    record RecreateNetwork(CreateNetwork network) implements Action {
        public RecreateNetwork {
            Objects.requireNonNull(network, "network");
        }

        @Override
        public String app() {
            return network.app();
        }

        @Override
        public String subject() {
            return network.name();
        }

        @Override
        public String reason() {
            return network.reason();
        }

        @Override
        public Kind kind() {
            return Kind.RECREATE_NETWORK;
        }
    }

    /** Make a named volume of the app that does not exist yet. */
    record CreateVolume(String app, VolumeSpec volume, String name, String specHash, String reason)
            implements Action {
        public CreateVolume {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(volume, "volume");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(specHash, "specHash");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String subject() {
            return name;
        }

        @Override
        public Kind kind() {
            return Kind.CREATE_VOLUME;
        }
    }

    /**
     * Remove a named volume of ours, with its data: planned only for a volume labelled
     * {@code dev.driftless.prune=true} (the repo opted in) that nothing desired mounts.
     */
    record RemoveVolume(String app, String name, String reason) implements Action {
        public RemoveVolume {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String subject() {
            return name;
        }

        @Override
        public Kind kind() {
            return Kind.REMOVE_VOLUME;
        }
    }

    /** Remove a network of ours that nothing desired uses any more. */
    record RemoveNetwork(String app, String name, String reason) implements Action {
        public RemoveNetwork {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String subject() {
            return name;
        }

        @Override
        public Kind kind() {
            return Kind.REMOVE_NETWORK;
        }
    }
}
