package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.model.Version;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an engine says about itself before any real request is made: its product version and the
 * range of API versions it serves. Read from an unversioned {@code GET /version}, or from the
 * {@code Api-Version} and {@code Server} headers of {@code GET /_ping} when that is all we have.
 *
 * @param engineVersion the engine's release, e.g. {@code 29.0.0}, or {@code unknown}
 * @param maxApiVersion the newest API version the engine serves
 * @param minApiVersion the oldest it still accepts, when it says so (Docker 29 refuses below 1.44)
 */
public record EngineFacts(String engineVersion, ApiVersion maxApiVersion, Optional<ApiVersion> minApiVersion) {

    public EngineFacts {
        Objects.requireNonNull(engineVersion, "engineVersion");
        Objects.requireNonNull(maxApiVersion, "maxApiVersion");
        Objects.requireNonNull(minApiVersion, "minApiVersion");
    }

    /** From docker-java's model of an unversioned {@code GET /version} answer. */
    public static EngineFacts fromVersion(Version version) {
        if (version.getApiVersion() == null) {
            throw new IllegalArgumentException("the engine's /version answer has no ApiVersion");
        }
        String min = version.getMinAPIVersion();
        return new EngineFacts(
                version.getVersion() == null ? "unknown" : version.getVersion(),
                ApiVersion.parse(version.getApiVersion()),
                min == null || min.isBlank() ? Optional.empty() : Optional.of(ApiVersion.parse(min)));
    }

    /**
     * From the headers of a {@code GET /_ping} answer. A ping names the newest API version only, so
     * the minimum stays unknown; header names are matched case-insensitively, as HTTP requires.
     */
    public static EngineFacts fromPingHeaders(Map<String, String> headers) {
        String api = header(headers, "Api-Version")
                .orElseThrow(() -> new IllegalArgumentException("the engine's /_ping answer has no Api-Version header"));
        String server = header(headers, "Server").orElse("");
        // "Docker/20.10.24+dfsg1 (linux)" -> "20.10.24+dfsg1"
        String engine = server.startsWith("Docker/") ? server.substring("Docker/".length()).split(" ", 2)[0] : "unknown";
        return new EngineFacts(engine, ApiVersion.parse(api), Optional.empty());
    }

    private static Optional<String> header(Map<String, String> headers, String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
