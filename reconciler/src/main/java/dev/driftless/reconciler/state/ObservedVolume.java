package dev.driftless.reconciler.state;

import java.util.Objects;

/**
 * A named volume carrying Driftless's app label, as the engine listed it.
 *
 * @param name the engine's name for it
 * @param specHash the configuration hash it was created with, "" when it carries none
 * @param prunable whether the repo opted in, when it was created, to its removal
 *     ({@link OwnershipLabels#PRUNE}); without it Driftless never removes the volume
 * @param source the identity of the source that made it ({@link OwnershipLabels#SOURCE}), "" when unlabelled
 */
public record ObservedVolume(String name, String specHash, boolean prunable, String source) {

    public ObservedVolume {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(specHash, "specHash");
        Objects.requireNonNull(source, "source");
    }

    /** A volume labelled by no source. */
    public ObservedVolume(String name, String specHash, boolean prunable) {
        this(name, specHash, prunable, "");
    }
}
