package dev.driftless.reconciler.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The daemon as a test runs it: a real Micronaut context on a random port, its store in a temp folder. */
public final class TestDaemon implements AutoCloseable {

    private final ApplicationContext context;

    private TestDaemon(ApplicationContext context) {
        this.context = context;
    }

    /** Starts a daemon following {@code repo}, with its data in {@code data}, plus any other settings. */
    public static TestDaemon start(Path repo, Path data, Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("driftless.source.url", repo.toString());
        properties.put("driftless.data-dir", data.toString());
        properties.put("micronaut.server.port", -1);
        // The engine the tests use (DOCKER_HOST), unless a test names another.
        properties.putIfAbsent("driftless.docker-host", TestEngine.HOST.toString());
        System.setProperty("h2.implicitRelativePath", "true");
        return new TestDaemon(ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext());
    }

    public ApplicationContext context() {
        return context;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort() + path);
    }

    public HttpResponse<String> get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code VARIABLE=value} entry of a container's environment, or "" while it does not exist. */
    public static String environmentOf(DockerClient docker, String container, String variable) {
        try {
            return Arrays.stream(docker.inspectContainerCmd(container).exec().getConfig().getEnv())
                    .filter(entry -> entry.startsWith(variable + "=")).findFirst().orElse("");
        } catch (NotFoundException notYet) {
            return "";
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
