package dev.driftless.reconciler.docker;

/**
 * Chooses the API version Driftless speaks with one engine, as the Docker CLI does: the newest
 * version both sides know. Pinning one version breaks one end of the range users run: Debian's
 * engine 20.10 serves at most 1.41, while Docker 29 refuses every client below 1.44.
 */
public final class ApiVersionNegotiation {

    /**
     * The newest API version whose request and answer shapes docker-java 3.7 models; Driftless
     * never asks for more than that, so every field it sends is one the engine expects.
     */
    public static final ApiVersion NEWEST_SPOKEN = new ApiVersion(1, 44);

    /** The oldest API version with every call Driftless makes (Docker 19.03). */
    public static final ApiVersion OLDEST_SPOKEN = new ApiVersion(1, 40);

    private ApiVersionNegotiation() {
    }

    /**
     * @throws EngineUnsupportedException when the two ranges do not overlap, naming both, so the
     *     user knows whether Driftless or the engine must be upgraded
     */
    public static ApiVersion negotiate(EngineFacts engine) {
        ApiVersion chosen = ApiVersion.min(engine.maxApiVersion(), NEWEST_SPOKEN);
        if (chosen.compareTo(OLDEST_SPOKEN) < 0) {
            throw new EngineUnsupportedException("Docker engine " + engine.engineVersion() + " serves API versions up to "
                    + engine.maxApiVersion() + "; Driftless needs at least " + OLDEST_SPOKEN + " (Docker 19.03 or newer)");
        }
        engine.minApiVersion().ifPresent(min -> {
            if (chosen.compareTo(min) < 0) {
                throw new EngineUnsupportedException("Docker engine " + engine.engineVersion() + " accepts API versions "
                        + min + " to " + engine.maxApiVersion() + "; this Driftless speaks " + OLDEST_SPOKEN + " to "
                        + NEWEST_SPOKEN + " — upgrade Driftless");
            }
        });
        return chosen;
    }
}
