package dev.driftless.reconciler.plan;

import dev.driftless.manifests.model.DesiredService;
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

    /** The object the step is about: a container or network name. */
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
        CREATE_NETWORK(Change.ADD, "create-network", Phase.NETWORKS_UP),
        CREATE(Change.ADD, "create", Phase.CONTAINERS),
        REPLACE(Change.CHANGE, "replace", Phase.CONTAINERS),
        START(Change.CHANGE, "start", Phase.CONTAINERS),
        RESTORE(Change.CHANGE, "restore", Phase.CONTAINERS),
        REMOVE(Change.REMOVE, "remove", Phase.REMOVALS),
        REMOVE_NETWORK(Change.REMOVE, "remove-network", Phase.NETWORKS_DOWN);

        private final Change change;
        private final String verb;
        private final Phase phase;

        Kind(Change change, String verb, Phase phase) {
            this.change = change;
            this.verb = verb;
            this.phase = phase;
        }
    }

    enum Phase { NETWORKS_UP, CONTAINERS, REMOVALS, NETWORKS_DOWN }

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

    /** Make the app's default network, as Compose does, so its services find each other by name. */
    record CreateNetwork(String app, String name, String reason) implements Action {
        public CreateNetwork {
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
            return ContainerName.of(app, service.name(), number);
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
            return ContainerName.of(current.app(), service.name(), current.number());
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
