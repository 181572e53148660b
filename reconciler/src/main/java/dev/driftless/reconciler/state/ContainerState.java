package dev.driftless.reconciler.state;

import java.util.Locale;

/** The engine's container states (the {@code State} field of a container list entry). */
public enum ContainerState {
    CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD, UNKNOWN;

    public static ContainerState of(String engineState) {
        if (engineState == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(engineState.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** Running, or about to be: states in which the container needs no start. */
    public boolean isUp() {
        return this == RUNNING || this == RESTARTING;
    }
}
