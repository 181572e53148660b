package dev.driftless.reconciler.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code driftless sync APP} or {@code sync --source NAME}: asks a running daemon to reconcile now. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Ask a running daemon to reconcile an app (or a whole source) now. Needs the API token.")
final class SyncCommand implements Callable<Integer> {

    @Mixin
    ApiClient api;

    @Parameters(index = "0", arity = "0..1", paramLabel = "APP", description = "The app to reconcile.")
    String app;

    @Option(names = "--source", paramLabel = "NAME", description = "Reconcile every app of this source instead.")
    String source;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if ((app == null) == (source == null)) {
            System.err.println("error: give an APP or --source NAME, one of the two");
            return ExitCodes.USAGE;
        }
        String path = app != null ? "/api/apps/" + URLEncoder.encode(app, StandardCharsets.UTF_8) + "/sync"
                : "/api/sources/" + URLEncoder.encode(source, StandardCharsets.UTF_8) + "/sync";
        ApiClient.Answer answer;
        try {
            answer = api.post(path);
        } catch (ConnectException e) {
            System.err.println("error: no daemon answers at " + api.base());
            return ExitCodes.FAILED;
        }
        if (answer.status() == 202) {
            System.out.println("queued: " + (app != null ? "app " + app : "every app of source " + source));
            return ExitCodes.OK;
        }
        System.err.println("error: " + answer.problem());
        return answer.status() == 404 ? ExitCodes.USAGE : ExitCodes.FAILED;
    }
}
