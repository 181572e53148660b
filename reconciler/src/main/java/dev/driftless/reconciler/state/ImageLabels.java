package dev.driftless.reconciler.state;

import java.util.Map;
import java.util.TreeMap;

/**
 * The labels Driftless puts on an image it builds: which app and service it is for, which
 * revision built it, and the fingerprint of its inputs, by which the planner knows the image is
 * current and a clean-up can find exactly the images Driftless made. Part of the public contract,
 * like {@link OwnershipLabels}.
 */
public final class ImageLabels {

    public static final String BUILD_HASH = "dev.driftless.build-hash";

    private ImageLabels() {
    }

    /** The user's build labels first, then ours, which win. */
    public static Map<String, String> forBuild(Map<String, String> userLabels, String app, String service,
            String revision, String buildHash) {
        Map<String, String> labels = new TreeMap<>(userLabels);
        labels.put(OwnershipLabels.APP, app);
        labels.put(OwnershipLabels.SERVICE, service);
        labels.put(OwnershipLabels.REVISION, revision);
        labels.put(BUILD_HASH, buildHash);
        return Map.copyOf(labels);
    }
}
