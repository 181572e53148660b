package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.core.SSLConfig;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.driftless.manifests.config.TargetConfig;
import dev.driftless.reconciler.state.OwnershipLabels;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One connected Docker engine (a target): docker-java's client, already speaking the API version
 * negotiated with that engine. docker-java's types stay behind this class and the adapters that
 * use it ({@code observe}, {@code apply}); the planner never sees them.
 */
public final class DockerEngine implements AutoCloseable {

    private final String target;
    private final URI host;
    private final EngineFacts facts;
    private final ApiVersion apiVersion;
    private final DockerClient client;
    private final EngineCalls calls;
    private final EngineEvents events = new EngineEvents(this);
    private FollowedObservations followed;

    private DockerEngine(String target, URI host, EngineFacts facts, ApiVersion apiVersion, DockerClient client) {
        this.calls = new EngineCalls(target + " (" + host + ")");
        this.target = target;
        this.host = host;
        this.facts = facts;
        this.apiVersion = apiVersion;
        this.client = client;
    }

    /**
     * Asks the engine at {@code host} which API versions it serves (an unversioned
     * {@code GET /version}, which every engine answers), then connects with the newest version
     * both sides know.
     *
     * @throws DockerEngineException when the engine does not answer or shares no API version
     */
    public static DockerEngine connect(URI host) {
        return connect(TargetConfig.LOCAL, host, Optional.empty());
    }

    /**
     * Connects to target {@code target} at {@code host}, over TLS with {@code tls} when given
     * (a {@code tcp://} target), negotiating the API version as {@link #connect(URI)} does.
     *
     * @throws DockerEngineException when the engine does not answer, shares no API version, or
     *     the TLS files cannot be read
     */
    public static DockerEngine connect(String target, URI host, Optional<TargetConfig.TlsFiles> tls) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(host, "host");
        SSLConfig ssl = tls.<SSLConfig>map(TlsFilesSslConfig::new).orElse(null);
        EngineFacts facts;
        try (DockerClient probe = client(host, RemoteApiVersion.UNKNOWN_VERSION, ssl)) {
            Version version = probe.versionCmd().exec();
            facts = EngineFacts.fromVersion(version);
        } catch (IOException | RuntimeException e) {
            throw new DockerEngineException("cannot reach the Docker engine at " + host + ": " + rootMessage(e), e);
        }
        ApiVersion chosen = ApiVersionNegotiation.negotiate(facts);
        return new DockerEngine(target, host, facts, chosen,
                client(host, RemoteApiVersion.parseConfig(chosen.toString()), ssl));
    }

    private static DockerClient client(URI host, RemoteApiVersion version, SSLConfig ssl) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host.toString())
                .withApiVersion(version)
                .withCustomSslConfig(ssl)
                .build();
        DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(ssl == null && "unix".equals(host.getScheme()) ? UnixSocketSslConfig.INSTANCE
                        : config.getSSLConfig())
                .maxConnections(32)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofMinutes(2))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    public URI host() {
        return host;
    }

    /** The name of the target this engine is, as {@code driftless.yaml} and the metrics call it. */
    public String target() {
        return target;
    }

    /**
     * {@code labels} plus {@link OwnershipLabels#TARGET}, naming this target, for everything
     * Driftless creates here: an engine reachable under two target names never mistakes one
     * target's containers for the other's.
     */
    public Map<String, String> labelled(Map<String, String> labels) {
        Map<String, String> labelled = new TreeMap<>(labels);
        labelled.put(OwnershipLabels.TARGET, target);
        return labelled;
    }

    /**
     * Whether a resource with these labels belongs to this target: it names this target, or it
     * names none and this is the local target (made before targets were labelled).
     */
    public boolean owns(Map<String, String> labels) {
        String named = labels == null ? null : labels.get(OwnershipLabels.TARGET);
        return named == null ? TargetConfig.LOCAL.equals(target) : named.equals(target);
    }

    public EngineFacts facts() {
        return facts;
    }

    public ApiVersion apiVersion() {
        return apiVersion;
    }

    /** The retry and circuit breaker every request to this engine goes through. */
    public EngineCalls calls() {
        return calls;
    }

    /** docker-java's client, for the adapters in {@code observe} and {@code apply} only. */
    public DockerClient client() {
        return client;
    }

    /** This engine's one event stream, opened by its first subscriber. */
    EngineEvents events() {
        return events;
    }

    /** This engine's observations, kept while its event stream says nothing changed; follows on first use. */
    synchronized FollowedObservations followed() {
        if (followed == null) {
            followed = new FollowedObservations(this, FollowedObservations.DEFAULT_RESYNC, System::nanoTime);
        }
        return followed;
    }

    /** Driftless changes this engine now: no observation kept from before may be reused. */
    synchronized void changing() {
        if (followed != null) {
            followed.invalidate();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (followed != null) {
                followed.close();
            }
        }
        events.close();
        try {
            client.close();
        } catch (IOException e) {
            throw new DockerEngineException("closing the connection to " + host + " failed", e);
        }
    }

    @Override
    public String toString() {
        return target + " at " + host + " (Docker " + facts.engineVersion() + ", API " + apiVersion + ")";
    }
}
