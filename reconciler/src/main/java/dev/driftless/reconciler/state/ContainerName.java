package dev.driftless.reconciler.state;

/**
 * Compose's naming scheme, {@code <project>-<service>-<n>}, so that Driftless's containers and
 * those of {@code docker compose up} are interchangeable, and a person reading {@code docker ps}
 * recognises them.
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
