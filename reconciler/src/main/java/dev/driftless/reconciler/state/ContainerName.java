package dev.driftless.reconciler.state;

import dev.driftless.manifests.model.DesiredService;

/**
 * Compose's naming scheme, {@code <project>-<service>-<n>}, so that Driftless's containers and
 * those of {@code docker compose up} are interchangeable, and a person reading {@code docker ps}
 * recognises them. A service that sets {@code container_name} (one replica only) uses that name.
 */
public final class ContainerName {

    /** The suffix of a replacement container while it is being started, before it takes the name. */
    public static final String NEXT_SUFFIX = "-driftless-next";

    /**
     * The suffix of a replaced container kept, stopped, until its successor has proved healthy; it
     * takes its name back if the successor does not.
     */
    public static final String ASIDE_SUFFIX = "-driftless-old";

    private ContainerName() {
    }

    public static String of(String app, String service, int number) {
        return app + "-" + service + "-" + number;
    }

    /** The name of a container of {@code service}: its {@code container_name} when it sets one. */
    public static String of(String app, DesiredService service, int number) {
        return service.runtime().containerName().orElseGet(() -> of(app, service.name(), number));
    }

    /** The temporary name of a replacement for the container {@link #of(String, DesiredService, int)} names. */
    public static String next(String app, DesiredService service, int number) {
        return of(app, service, number) + NEXT_SUFFIX;
    }

    public static String next(String app, String service, int number) {
        return of(app, service, number) + NEXT_SUFFIX;
    }

    public static String aside(String app, String service, int number) {
        return of(app, service, number) + ASIDE_SUFFIX;
    }

    public static String defaultNetwork(String app) {
        return app + "_default";
    }
}
