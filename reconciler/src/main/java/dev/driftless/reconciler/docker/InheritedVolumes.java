package dev.driftless.reconciler.docker;

import dev.driftless.manifests.model.Attachments;
import dev.driftless.manifests.model.Mount;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The volumes a replacement container takes over from the container it replaces, as
 * {@code docker compose up} does on a recreate: an anonymous volume the service declares
 * ({@code volumes: [/data]}) or its image declares ({@code VOLUME /var/lib/postgresql/data}) is
 * the old container's volume again, not a new empty one. Without this, a service keeping its data
 * in its image's {@code VOLUME} would start empty after every change of its Compose file, its old
 * data left behind in a dangling volume.
 *
 * <p>A mount point the new revision gives a named volume, a bind mount or a tmpfs keeps what the
 * revision says; a mount point neither the service nor its image declares any more is not taken
 * over. The image is looked at only when the old container has a volume that could be one of the
 * image's.
 */
final class InheritedVolumes {

    private InheritedVolumes() {
    }

    /**
     * @param previous the old container's volumes by mount point ({@code ObservedContainer.volumeMounts})
     * @param next the new container's networks and mounts
     * @param imageVolumes the mount points the new image declares with {@code VOLUME}
     * @return the old container's volume for each mount point the new one takes over
     */
    static Map<String, String> of(Map<String, String> previous, Attachments next, Supplier<Set<String>> imageVolumes) {
        Map<String, String> inherited = new TreeMap<>();
        Set<String> declaredByImage = null;
        for (Map.Entry<String, String> volume : previous.entrySet()) {
            String target = clean(volume.getKey());
            if (next.tmpfs().keySet().stream().anyMatch(tmpfs -> clean(tmpfs).equals(target))) {
                continue;
            }
            Mount stated = next.mounts().stream().filter(mount -> clean(mount.target()).equals(target))
                    .findFirst().orElse(null);
            if (stated != null) {
                if (stated instanceof Mount.Volume anonymous && anonymous.anonymous()) {
                    inherited.put(target, volume.getValue());
                }
                continue;
            }
            if (declaredByImage == null) {
                declaredByImage = imageVolumes.get().stream().map(InheritedVolumes::clean)
                        .collect(java.util.stream.Collectors.toSet());
            }
            if (declaredByImage.contains(target)) {
                inherited.put(target, volume.getValue());
            }
        }
        return inherited;
    }

    /** A mount point without a trailing slash, as the engine reports it. */
    static String clean(String target) {
        return target.length() > 1 && target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
    }
}
