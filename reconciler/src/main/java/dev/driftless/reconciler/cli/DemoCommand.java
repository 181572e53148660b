package dev.driftless.reconciler.cli;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code driftless demo}: the daemon on the bundled example, with embedded defaults. It seeds a
 * git repository in the data folder with the example (once), then follows it, so a person can
 * edit, commit and watch the change deploy, exactly as with a real remote.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the daemon on the bundled hello example (a local git repo it creates in the data folder).")
final class DemoCommand implements Callable<Integer> {

    static final String EXAMPLES = "examples";

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data/demo",
            description = "Folder for the demo's git repo, store and cache (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8484", description = "HTTP port of the daemon (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "10s",
            description = "How often the demo repo is checked (default: ${DEFAULT-VALUE}).")
    String pollInterval;

    @Override
    public Integer call() throws IOException, GitAPIException {
        Path dataDir = data.toAbsolutePath().normalize();
        Path repo = dataDir.resolve("source");
        boolean seeded = seed(repo);
        System.out.println(seeded ? "Created the demo repo " + repo + " from the bundled example."
                : "Using the demo repo " + repo + ".");
        System.out.println("""
                The daemon follows its branch 'main' every %s. Try:
                  open http://localhost:8080            (the hello app, once deployed)
                  edit %s/hello/compose.yaml  (change GREETING), then
                  git -C %s commit -am 'Say something else'
                Health: http://localhost:%d/health   Metrics: http://localhost:%d/metrics   Stop: Ctrl-C
                """.formatted(pollInterval, repo, repo, port, port));
        try {
            DaemonLauncher.start(Map.of(
                    "driftless.source.url", repo.toString(),
                    "driftless.source.name", "demo",
                    "driftless.source.branch", "main",
                    "driftless.data-dir", dataDir.toString(),
                    "driftless.poll-interval", pollInterval,
                    "driftless.port", port));
        } catch (DaemonLauncher.DaemonStartException e) {
            System.err.println("error: the demo did not start: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        return DaemonLauncher.KEEP_RUNNING;
    }

    /** Copies the bundled example into a new git repo with one commit; leaves an existing repo alone. */
    static boolean seed(Path repo) throws IOException, GitAPIException {
        if (Files.isDirectory(repo.resolve(".git"))) {
            return false;
        }
        Files.createDirectories(repo);
        copyExamples(repo);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("Start from the bundled hello example")
                    .setAuthor("Driftless demo", "demo@driftless.invalid")
                    .setCommitter("Driftless demo", "demo@driftless.invalid")
                    .setSign(false)
                    .call();
        }
        return true;
    }

    private static void copyExamples(Path target) throws IOException {
        URI examples;
        try {
            var url = DemoCommand.class.getClassLoader().getResource(EXAMPLES);
            if (url == null) {
                throw new IOException("the bundled examples are missing from the classpath");
            }
            examples = url.toURI();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        if ("jar".equals(examples.getScheme())) {
            try (FileSystem jar = FileSystems.newFileSystem(examples, Map.of())) {
                copyTree(jar.provider().getPath(examples), target);
            }
        } else {
            copyTree(Path.of(examples), target);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(source -> {
                Path destination = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(destination);
                    } else {
                        Files.copy(source, destination);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
