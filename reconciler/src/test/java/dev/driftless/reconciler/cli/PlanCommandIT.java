package dev.driftless.reconciler.cli;

import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.testing.TestCompose;
import dev.driftless.reconciler.testing.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** plan and apply as a CI job uses them: exit codes like kubectl diff, JSON for scripts, real engine. */
class PlanCommandIT {

    @TempDir
    Path repo;

    private DockerEngine engine;
    private String app;

    @BeforeEach
    void writeRepo() throws Exception {
        engine = TestEngine.connect();
        app = TestEngine.uniqueApp("cli");
        Files.createDirectories(repo.resolve(app));
        Files.writeString(repo.resolve(app + "/compose.yaml"), TestCompose.app(TestCompose.service("web", "cli-it", Map.of())));
    }

    @AfterEach
    void cleanUp() {
        TestEngine.removeTestObjects(engine.client());
        engine.close();
    }

    @Test
    void planExits1WithChangesPendingThenApplyThen0InSync() {
        Run pending = run("plan", repo.toString());
        Run applied = run("apply", repo.toString());
        Run inSync = run("plan", repo.toString());

        assertThat(pending.exit).isEqualTo(1);
        assertThat(pending.out).contains("+ create " + app + "-web-1").contains("Plan: 2 to add, 0 to change, 0 to remove.");
        assertThat(applied.exit).isZero();
        assertThat(inSync.exit).isZero();
        assertThat(inSync.out).contains(app + ": in sync").contains("No changes.");
    }

    @Test
    void planSpeaksJsonForScripts() {
        Run json = run("plan", repo.toString(), "--output", "json");

        assertThat(json.exit).isEqualTo(1);
        assertThat(json.out).contains("\"changes\" : true").contains("\"subject\" : \"" + app + "-web-1\"")
                .contains("\"action\" : \"create\"");
    }

    @Test
    void planExits2WhenTheEngineCannotBeReached() {
        Run blind = run("plan", repo.toString(), "--docker-host", "unix://" + repo.resolve("no.sock"));

        assertThat(blind.exit).isEqualTo(2);
        assertThat(blind.out).contains("cannot observe the target");
    }

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = DriftlessMain.commandLine().execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
