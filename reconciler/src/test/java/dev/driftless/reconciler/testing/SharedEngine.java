package dev.driftless.reconciler.testing;

import com.github.dockerjava.api.DockerClient;
import dev.driftless.reconciler.docker.DockerEngine;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real engine for one test class, as a JUnit extension: connected before the first test, and
 * after the last, the class's test objects removed (by {@link TestEngine}'s prefix only) and the
 * connection closed. Register it with {@code @RegisterExtension static final SharedEngine ENGINE}.
 */
public final class SharedEngine implements BeforeAllCallback, AfterAllCallback {

    private DockerEngine engine;

    @Override
    public void beforeAll(ExtensionContext context) {
        engine = TestEngine.connect();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (engine != null) {
            TestEngine.removeTestObjects(engine.client());
            engine.close();
        }
    }

    public DockerEngine engine() {
        return engine;
    }

    public DockerClient docker() {
        return engine.client();
    }
}
