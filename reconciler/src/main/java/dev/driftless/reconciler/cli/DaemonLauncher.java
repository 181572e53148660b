package dev.driftless.reconciler.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
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

    /**
     * @throws DaemonStartException when the daemon cannot start, with the reason in words (a data
     *     folder already in use, a bad setting) instead of Micronaut's stack trace
     */
    static ApplicationContext start(Map<String, Object> properties) {
        // The store's URL is built from driftless.data-dir, which users give relative or absolute;
        // H2 refuses relative file paths unless told otherwise.
        System.setProperty("h2.implicitRelativePath", "true");
        Micronaut micronaut = new Micronaut() {
            @Override
            protected void handleStartupException(Environment environment, Throwable exception) {
                throw new DaemonStartException(exception);
            }
        };
        return micronaut
                .mainClass(DriftlessMain.class)
                .banner(false)
                .deduceEnvironment(false)
                .properties(properties)
                .start();
    }

    /** The daemon did not start; the message says why in a user's words. */
    static final class DaemonStartException extends RuntimeException {

        DaemonStartException(Throwable cause) {
            super(explain(cause), cause);
        }

        private static String explain(Throwable cause) {
            for (Throwable current = cause; current != null; current = current.getCause()) {
                String message = String.valueOf(current.getMessage());
                if (message.contains("Database may be already in use")) {
                    return "another Driftless is using this data folder (its store is locked): run one daemon per"
                            + " data folder, or give this one --data DIR";
                }
                if (current instanceof IllegalArgumentException && current.getMessage() != null) {
                    return current.getMessage();
                }
                if (message.contains("Address already in use")) {
                    return "the HTTP port is taken by another program: give --port N";
                }
            }
            return String.valueOf(cause.getMessage());
        }
    }
}
