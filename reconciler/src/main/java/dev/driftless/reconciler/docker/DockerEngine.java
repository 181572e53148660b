package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One connected Docker engine (a target): docker-java's client, already speaking the API version
 * negotiated with that engine. docker-java's types stay behind this class and the adapters that
 * use it ({@code observe}, {@code apply}); the planner never sees them.
 */
public final class DockerEngine implements AutoCloseable {

    private final URI host;
    private final EngineFacts facts;
    private final ApiVersion apiVersion;
    private final DockerClient client;
    private final EngineCalls calls;

    private DockerEngine(URI host, EngineFacts facts, ApiVersion apiVersion, DockerClient client) {
        this.calls = new EngineCalls(host.toString());
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
        Objects.requireNonNull(host, "host");
        EngineFacts facts;
        try (DockerClient probe = client(host, RemoteApiVersion.UNKNOWN_VERSION)) {
            Version version = probe.versionCmd().exec();
            facts = EngineFacts.fromVersion(version);
        } catch (IOException | RuntimeException e) {
            throw new DockerEngineException("cannot reach the Docker engine at " + host + ": " + rootMessage(e), e);
        }
        ApiVersion chosen = ApiVersionNegotiation.negotiate(facts);
        return new DockerEngine(host, facts, chosen, client(host, RemoteApiVersion.parseConfig(chosen.toString())));
    }

    private static DockerClient client(URI host, RemoteApiVersion version) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host.toString())
                .withApiVersion(version)
                .build();
        DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
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

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new DockerEngineException("closing the connection to " + host + " failed", e);
        }
    }

    @Override
    public String toString() {
        return host + " (Docker " + facts.engineVersion() + ", API " + apiVersion + ")";
    }
}
