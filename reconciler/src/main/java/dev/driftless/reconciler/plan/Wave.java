package dev.driftless.reconciler.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Steps that may run side by side, once every wave before has finished: the images, then the
 * networks and volumes, then the containers layered by {@code depends_on} (a service's steps come
 * in a wave after those of every service it depends on), each layer split into the batches its
 * services' {@code deploy.update_config.parallelism} allows, then the removals.
 *
 * @param label what the wave is, in words: "networks and volumes", "db", "web, worker (after db)"
 * @param delay how long to wait before the wave starts: a service's {@code update_config.delay}
 *     between two of its batches
 */
public record Wave(String label, List<Action> actions, Duration delay) {

    public Wave {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(delay, "delay");
        actions = List.copyOf(actions);
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("a wave has at least one step");
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a wave's delay must not be negative: " + delay);
        }
    }

    public Wave(String label, List<Action> actions) {
        this(label, actions, Duration.ZERO);
    }
}
