package dev.driftless.reconciler.cli;

import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.layout.DesiredStateRenderer;
import dev.driftless.manifests.secrets.DecryptionKeys;
import dev.driftless.manifests.layout.RenderedRepo;
import dev.driftless.reconciler.engine.DesiredStateSource;
import dev.driftless.reconciler.engine.Snapshot;
import dev.driftless.reconciler.engine.SourceUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code driftless validate}: renders every app, talks to no engine, and lists every problem with its file, line and column. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a desired-state repo: every Compose file parses and uses only supported keys.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    RepoOptions repo;

    @Override
    public Integer call() throws IOException {
        DecryptionKeys keys = repo.keys();
        DesiredStateSource source = repo.open();
        Snapshot snapshot;
        try {
            snapshot = source.latest();
        } catch (SourceUnavailableException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        } finally {
            if (source instanceof AutoCloseable closeable) {
                closeQuietly(closeable);
            }
        }
        RenderedRepo rendered = DesiredStateRenderer.render(snapshot.tree(), source.repoName(), keys);
        rendered.failures().values().stream().flatMap(List::stream).map(ManifestProblem::toString)
                .forEach(problem -> System.err.println("error: " + problem));
        rendered.warnings().values().stream().flatMap(List::stream).map(ManifestProblem::toString)
                .forEach(problem -> System.err.println("warning: " + problem));
        if (rendered.apps().isEmpty() && rendered.failures().isEmpty()) {
            System.err.println("error: no Compose file (compose.yaml, docker-compose.yml, ...) in " + source.location());
            return ExitCodes.USAGE;
        }
        rendered.apps().forEach(app -> System.out.println("ok: app " + app.name() + " (" + app.services().size()
                + " service" + (app.services().size() == 1 ? "" : "s") + ")"));
        return rendered.failures().isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("warning: " + e.getMessage());
        }
    }
}
