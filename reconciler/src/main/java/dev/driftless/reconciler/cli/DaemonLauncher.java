package dev.driftless.reconciler.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

import java.util.Map;

/**
 * Starts the daemon (Micronaut: DI, config, HTTP) with the settings the command line gathered,
 * and keeps the process alive until it is stopped. Only {@code run} and {@code demo} pay for this;
 * the one-shot commands stay on the lean path.
 */
final class DaemonLauncher {

    /** Returned by a daemon command: main must not exit, the server threads carry on. */
    static final int KEEP_RUNNING = -1;

    private DaemonLauncher() {
    }

    static ApplicationContext start(Map<String, Object> properties) {
        // The store's URL is built from driftless.data-dir, which users give relative or absolute;
        // H2 refuses relative file paths unless told otherwise.
        System.setProperty("h2.implicitRelativePath", "true");
        return Micronaut.build(new String[0])
                .mainClass(DriftlessMain.class)
                .banner(false)
                .deduceEnvironment(false)
                .properties(properties)
                .start();
    }
}
