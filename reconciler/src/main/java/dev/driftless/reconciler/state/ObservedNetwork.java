package dev.driftless.reconciler.state;

import java.util.Objects;

/**
 * A network carrying Driftless's app label, as the engine listed it.
 *
 * @param name the engine's name for it
 * @param key the Compose key it was made for ({@code com.docker.compose.network}), "" if unknown
 * @param specHash the configuration hash it was created with, "" when it carries none (made by
 *     a Driftless that did not label networks with one)
 * @param source the identity of the source that made it ({@link OwnershipLabels#SOURCE}), "" when unlabelled
 */
public record ObservedNetwork(String name, String key, String specHash, String source) {

    public ObservedNetwork {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(specHash, "specHash");
        Objects.requireNonNull(source, "source");
    }

    /** A network labelled by no source. */
    public ObservedNetwork(String name, String key, String specHash) {
        this(name, key, specHash, "");
    }
}
