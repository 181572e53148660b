package dev.driftless.reconciler.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's contract without an engine: help, usage errors, validate. */
class CliTest {

    @TempDir
    Path repo;

    @Test
    void helpListsEveryCommand() {
        StringWriter out = new StringWriter();
        CommandLine cli = DriftlessMain.commandLine();
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("run", "demo", "validate", "plan", "apply");
    }

    @Test
    void aNamedCommandIsBuiltAloneWhileHelpAndTyposGetTheWholeTree() {
        assertThat(DriftlessMain.commandLine(new String[] {"run", "--source", "x"}).getSubcommands())
                .containsOnlyKeys("run");
        assertThat(DriftlessMain.commandLine(new String[] {"help", "run"}).getSubcommands())
                .containsKeys("run", "plan", "help").hasSize(DriftlessCommand.SUBCOMMANDS.size());
        StringWriter err = new StringWriter();
        CommandLine typo = DriftlessMain.commandLine(new String[] {"pla"});
        typo.setErr(new PrintWriter(err));

        assertThat(typo.execute("pla")).isEqualTo(2);
        assertThat(err.toString()).contains("plan");
    }

    @Test
    void helpOfOneCommandWorksThroughTheHelpCommand() {
        StringWriter out = new StringWriter();
        CommandLine cli = DriftlessMain.commandLine(new String[] {"help", "plan"});
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("help", "plan")).isZero();
        assertThat(out.toString()).contains("--target=NAME");
    }

    @Test
    void anUnknownOptionIsBadUsageWithExitCode2() {
        CommandLine cli = DriftlessMain.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));

        assertThat(cli.execute("plan", "--no-such-flag")).isEqualTo(2);
    }

    @Test
    void planAndApplyOfferATargetOption() {
        for (String command : new String[] {"plan", "apply"}) {
            StringWriter out = new StringWriter();
            CommandLine cli = DriftlessMain.commandLine();
            cli.setOut(new PrintWriter(out));

            assertThat(cli.execute(command, "--help")).isZero();
            assertThat(out.toString()).contains("--target=NAME").contains("app@target");
        }
    }

    @Test
    void aTargetTheRepoDoesNotDeclareIsBadInputWithExitCode2BeforeAnyEngineIsAsked() throws Exception {
        Files.createDirectories(repo.resolve("shop"));
        Files.writeString(repo.resolve("shop/compose.yaml"), "services:\n  web:\n    image: busybox:1.36\n");
        Files.writeString(repo.resolve("driftless.yaml"), "targets:\n  edge: {host: \"tcp://127.0.0.1:1\"}\n");
        for (String command : new String[] {"plan", "apply"}) {
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            java.io.PrintStream original = System.err;
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                // No engine listens there: an exit of 2 with this message means none was asked.
                assertThat(DriftlessMain.commandLine().execute(command, repo.toString(), "--target", "edgee",
                        "--docker-host", "unix://" + repo.resolve("no.sock"))).isEqualTo(2);
            } finally {
                System.setErr(original);
            }
            assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .contains("error: --target: no target 'edgee' in driftless.yaml (targets: edge, local)");
        }
    }

    @Test
    void validateAcceptsTheBundledExample() throws Exception {
        Path example = Path.of("..", "charts-free-examples").toAbsolutePath().normalize();

        assertThat(DriftlessMain.commandLine().execute("validate", example.toString())).isZero();
    }

    @Test
    void validateExitsWith2AndNamesFileLineAndColumnOfABadKey() throws Exception {
        Files.createDirectories(repo.resolve("shop"));
        Files.writeString(repo.resolve("shop/compose.yaml"), "services:\n  web:\n    image: busybox:1.36\n    stdin_open: true\n");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(DriftlessMain.commandLine().execute("validate", repo.toString())).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("shop/compose.yaml:4:5: error: ").contains("stdin_open");
    }

    @Test
    void validateInterpolatesFromTheAppsDotEnvAndWarnsOfAnUnsetVariable() throws Exception {
        Files.createDirectories(repo.resolve("shop"));
        Files.writeString(repo.resolve("shop/.env"), "TAG=1.36\n");
        Files.writeString(repo.resolve("shop/compose.yaml"),
                "services:\n  web:\n    image: busybox:${TAG}\n    environment:\n      MODE: ${MODE}\n");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(DriftlessMain.commandLine().execute("validate", repo.toString())).isZero();
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("shop/compose.yaml:5:13: warning: ")
                .contains("MODE");
    }

    @Test
    void validateOfAFolderWithoutComposeFilesSaysSoWithExitCode2() {
        assertThat(DriftlessMain.commandLine().execute("validate", repo.toString())).isEqualTo(2);
    }

    @Test
    void validateListsEveryProblemOfEveryFileAtOnceLikeACompiler() throws Exception {
        Files.createDirectories(repo.resolve("shop"));
        Files.createDirectories(repo.resolve("blog"));
        Files.writeString(repo.resolve("driftless.yaml"), "apps:\n  shop: {prnue: true}\n  blog: {}\n");
        Files.writeString(repo.resolve("shop/compose.yaml"), "services:\n  web:\n    image: busybox:1.36\n");
        Files.writeString(repo.resolve("blog/compose.yaml"), "services:\n  web:\n    image: busybox:1.36\n");
        String broken = validate(2);

        assertThat(broken).contains("driftless.yaml:2:10: error: unknown key 'prnue' in apps.shop (did you mean 'prune'?)")
                .contains("1 error, 0 warnings");

        Files.writeString(repo.resolve("driftless.yaml"), "apps:\n  shop: {}\n  blog: {}\n");
        Files.writeString(repo.resolve("shop/compose.yaml"), "services:\n  web:\n    image: busybox:1.36\n"
                + "    ports: ['8080:80']\n");
        Files.writeString(repo.resolve("blog/compose.yaml"), "services:\n  web:\n    image: busybox:1.36\n"
                + "    ports: ['8080:80']\n");
        String clash = validate(2);

        assertThat(clash).contains("shop/compose.yaml:4:12: error: service 'web' publishes host port 8080/tcp on target 'local'")
                .contains("blog/compose.yaml:4:12: error: service 'web' publishes host port 8080/tcp on target 'local'")
                .contains("2 errors, 0 warnings");

        Files.writeString(repo.resolve("shop/compose.yaml"), "services:\n  web:\n    image: busybox:1.36\n");
        assertThat(validate(0)).isEmpty();
    }

    @Test
    void validateReportsEveryPolicyViolationOfAnAppLikeACompiler() throws Exception {
        Files.createDirectories(repo.resolve("agent"));
        Files.writeString(repo.resolve("agent/compose.yaml"), "services:\n  agent:\n    image: busybox:1.36\n"
                + "    privileged: true\n    network_mode: host\n    volumes: ['/var/run/docker.sock:/var/run/docker.sock']\n");

        assertThat(validate(2))
                .contains("agent/compose.yaml:4:5: error: services.agent.privileged: ")
                .contains("agent/compose.yaml:5:5: error: services.agent.network_mode: ")
                .contains("agent/compose.yaml:6:15: error: services.agent.volumes[0]: binding host path "
                        + "'/var/run/docker.sock' is denied by the repository's policies; to allow it, add to "
                        + "driftless.yaml: 'policies: {allowedBindMounts: [/var/run/docker.sock]}' (or a folder above it)")
                .contains("3 errors, 0 warnings");

        Files.writeString(repo.resolve("driftless.yaml"), "policies:\n  allowPrivileged: true\n"
                + "  allowHostNetwork: true\n  allowedBindMounts: [/var/run/docker.sock]\n");
        assertThat(validate(0)).isEmpty();
    }

    private String validate(int expectedExit) {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(DriftlessMain.commandLine().execute("validate", repo.toString())).isEqualTo(expectedExit);
        } finally {
            System.setErr(original);
        }
        return err.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
