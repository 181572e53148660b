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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
        RenderedRepo rendered = DesiredStateRenderer.render(snapshot.tree(), source.repoName(), keys, System.getenv());
        List<ManifestProblem> errors = sorted(rendered.failures());
        List<ManifestProblem> warnings = sorted(rendered.warnings());
        errors.forEach(problem -> System.err.println(compilerStyle(problem, "error")));
        warnings.forEach(problem -> System.err.println(compilerStyle(problem, "warning")));
        if (rendered.apps().isEmpty() && rendered.failures().isEmpty()) {
            System.err.println("error: no Compose file (compose.yaml, docker-compose.yml, ...) in " + source.location());
            return ExitCodes.USAGE;
        }
        rendered.apps().forEach(app -> System.out.println("ok: app " + app.name() + " (" + app.services().size()
                + " service" + (app.services().size() == 1 ? "" : "s") + ")"));
        if (!errors.isEmpty() || !warnings.isEmpty()) {
            System.err.println(count(errors.size(), "error") + ", " + count(warnings.size(), "warning"));
        }
        return rendered.failures().isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
    }

    /** Every problem once (two apps rendered from one file share its problems), by file and position. */
    private static List<ManifestProblem> sorted(Map<String, List<ManifestProblem>> byApp) {
        return byApp.values().stream().flatMap(List::stream).distinct()
                .sorted(Comparator.comparing(ManifestProblem::file).thenComparingInt(ManifestProblem::line)
                        .thenComparingInt(ManifestProblem::column))
                .toList();
    }

    /** {@code file:line:column: error: message}, as gcc and javac print it, which editors and CI logs link. */
    static String compilerStyle(ManifestProblem problem, String severity) {
        StringBuilder out = new StringBuilder(problem.file());
        if (problem.line() > 0) {
            out.append(':').append(problem.line());
            if (problem.column() > 0) {
                out.append(':').append(problem.column());
            }
        }
        return out.append(": ").append(severity).append(": ").append(problem.message()).toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("warning: " + e.getMessage());
        }
    }
}
