package dev.driftless.reconciler.daemon;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The daemon's settings under {@code driftless.*}, gathered by {@link DaemonFactory} from the
 * {@code --config} file, the command line, or {@code DRIFTLESS_…} environment variables (Micronaut
 * maps {@code DRIFTLESS_SOURCE_URL} to {@code driftless.source.url}).
 *
 * @param sourceUrl the git repository followed: a local path or {@code file://} URL
 * @param branch the branch followed
 * @param dataDir where the store and the git cache live
 * @param pollInterval how often the source is fetched and the target re-observed (drift)
 * @param dockerHost the target engine
 */
public record DaemonSettings(String sourceUrl, String branch, Path dataDir, Duration pollInterval, URI dockerHost) {

    public DaemonSettings {
        Objects.requireNonNull(sourceUrl, "driftless.source.url");
        Objects.requireNonNull(branch, "driftless.source.branch");
        Objects.requireNonNull(dataDir, "driftless.data-dir");
        Objects.requireNonNull(dockerHost, "driftless.docker-host");
        if (sourceUrl.isBlank()) {
            throw new IllegalArgumentException("driftless.source.url is empty");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("driftless.poll-interval must be positive, was " + pollInterval);
        }
    }
}
