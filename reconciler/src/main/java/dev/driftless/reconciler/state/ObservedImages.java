package dev.driftless.reconciler.state;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The images on one engine, found by reference as the engine would resolve it: {@code busybox}
 * is {@code busybox:latest}, {@code docker.io/library/busybox:1.36} is {@code busybox:1.36}.
 *
 * <p>{@link #NOT_OBSERVED} stands for "the images were not looked at" (a caller that observed
 * only containers): the planner then decides nothing from images, rather than believing the
 * engine holds none.
 */
public final class ObservedImages {

    /** Nothing known about the engine's images. */
    public static final ObservedImages NOT_OBSERVED = new ObservedImages(false, Map.of());

    private final boolean observed;
    private final Map<String, ObservedImage> byReference;

    private ObservedImages(boolean observed, Map<String, ObservedImage> byReference) {
        this.observed = observed;
        this.byReference = Map.copyOf(byReference);
    }

    /** The engine holds exactly these images. */
    public static ObservedImages of(List<ObservedImage> images) {
        Map<String, ObservedImage> byReference = new HashMap<>();
        for (ObservedImage image : images) {
            image.references().forEach(reference -> byReference.put(canonical(reference), image));
        }
        return new ObservedImages(true, byReference);
    }

    /** Whether the images were looked at. */
    public boolean observed() {
        return observed;
    }

    /** The image {@code reference} names on the engine; empty when absent or not observed. */
    public Optional<ObservedImage> find(String reference) {
        return Optional.ofNullable(byReference.get(canonical(reference)));
    }

    /** The image whose id is {@code id}, when it has a reference; empty when absent or not observed. */
    public Optional<ObservedImage> withId(String id) {
        return byReference.values().stream().filter(image -> image.id().equals(id)).findFirst();
    }

    /**
     * The reference in the engine's short form with its tag: the default registry and the
     * {@code library/} namespace dropped, {@code :latest} added when neither tag nor digest is given.
     */
    public static String canonical(String reference) {
        String name = reference;
        for (String registry : List.of("docker.io/", "index.docker.io/", "registry-1.docker.io/")) {
            if (name.startsWith(registry)) {
                name = name.substring(registry.length());
                if (name.startsWith("library/") && name.indexOf('/', "library/".length()) < 0) {
                    name = name.substring("library/".length());
                }
                break;
            }
        }
        String last = name.substring(name.lastIndexOf('/') + 1);
        return last.contains(":") || last.contains("@") ? name : name + ":latest";
    }

    @Override
    public String toString() {
        return observed ? "ObservedImages" + byReference.keySet() : "ObservedImages[not observed]";
    }
}
