package dev.driftless.reconciler.parity;

import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.testing.ComposeParity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** What every parity suite shares: the engine (skipped without docker-compose) and a work folder. */
abstract class ParitySuite {

    static DockerEngine engine;

    @TempDir
    static Path work;

    @BeforeAll
    static void connect() {
        engine = ComposeParity.connectForParity();
    }

    @AfterAll
    static void disconnect() {
        ComposeParity.disconnectAfterParity(engine);
    }
}
