package dev.driftless.reconciler.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where the log of each image build is kept for the user to read: the daemon keeps the last one
 * per service under its data folder; a one-shot command keeps none (a failed build's last lines
 * are in its error either way). A log holds the engine's output with build argument values masked.
 */
@FunctionalInterface
public interface BuildLogs {

    /** Keeps nothing. */
    BuildLogs NONE = (app, service, revision, log) -> {
    };

    void keep(String app, String service, String revision, String log);

    /**
     * The last build of each service as {@code <folder>/<app>/<service>.log}, replaced by the
     * next build, so the folder grows with the number of services and never with time.
     */
    static BuildLogs in(Path folder) {
        return (app, service, revision, log) -> {
            try {
                Path file = folder.resolve(app).resolve(service + ".log");
                Files.createDirectories(file.getParent());
                Path temporary = file.resolveSibling(service + ".log.tmp");
                Files.writeString(temporary, "# build of service " + service + " of app " + app + " at revision "
                        + revision + "\n" + log + "\n", StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the build log of " + app + "/" + service, e);
            }
        };
    }
}
