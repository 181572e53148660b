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

    /** How it reads in a plan, terraform-style: {@code +} adds, {@code ~} changes, {@code -} removes. */
    Change change();

    /** A short verb for machine-readable output: create, replace, start, remove, ... */
    String verb();

    /**
     * When the step may run: steps of one phase are independent of each other and run in
     * parallel; a phase starts only when the one before it has finished without failure.
     */
    Phase phase();

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
        public Change change() {
            return Change.ADD;
        }

        @Override
        public String verb() {
            return "create-network";
        }

        @Override
        public Phase phase() {
            return Phase.NETWORKS_UP;
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
        public Change change() {
            return Change.ADD;
        }

        @Override
        public String verb() {
            return "create";
        }

        @Override
        public Phase phase() {
            return Phase.CONTAINERS;
        }
    }

    /**
     * Replace a running container with one made from the new spec. The old one keeps running until
     * the new one is created, so a create that fails (a missing image) changes nothing.
     */
    record ReplaceContainer(ObservedContainer current, DesiredService service, String specHash, String reason)
            implements Action {
        public ReplaceContainer {
            Objects.requireNonNull(current, "current");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(specHash, "specHash");
            Objects.requireNonNull(reason, "reason");
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
        public Change change() {
            return Change.CHANGE;
        }

        @Override
        public String verb() {
            return "replace";
        }

        @Override
        public Phase phase() {
            return Phase.CONTAINERS;
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
        public Change change() {
            return Change.CHANGE;
        }

        @Override
        public String verb() {
            return "start";
        }

        @Override
        public Phase phase() {
            return Phase.CONTAINERS;
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
        public Change change() {
            return Change.REMOVE;
        }

        @Override
        public String verb() {
            return "remove";
        }

        @Override
        public Phase phase() {
            return Phase.REMOVALS;
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
        public Change change() {
            return Change.REMOVE;
        }

        @Override
        public String verb() {
            return "remove-network";
        }

        @Override
        public Phase phase() {
            return Phase.NETWORKS_DOWN;
        }
    }
}
