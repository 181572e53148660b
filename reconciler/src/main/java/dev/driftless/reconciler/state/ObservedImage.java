package dev.driftless.reconciler.state;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One image on an engine, as its image list reports it: the id the containers made from it run,
 * the references (tags and digests) that point at it, and its labels (a built image carries
 * Driftless's build labels).
 */
public record ObservedImage(String id, List<String> references, Map<String, String> labels) {

    public ObservedImage {
        Objects.requireNonNull(id, "id");
        references = List.copyOf(references);
        labels = Map.copyOf(labels);
    }

    public String shortId() {
        String hex = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
