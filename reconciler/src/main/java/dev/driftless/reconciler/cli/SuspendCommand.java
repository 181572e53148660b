package dev.driftless.reconciler.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code driftless suspend APP} and {@code driftless resume APP}: turn an app's automatic sync off
 * (it is left exactly as it runs) and on again (it catches up at once). Need the API token.
 */
final class SuspendCommand {

    private SuspendCommand() {
    }

    static int call(ApiClient api, String app, String action) throws IOException, InterruptedException {
        ApiClient.Answer answer;
        try {
            answer = api.post("/api/apps/" + URLEncoder.encode(app, StandardCharsets.UTF_8) + "/" + action);
        } catch (ConnectException e) {
            System.err.println("error: no daemon answers at " + api.base());
            return ExitCodes.FAILED;
        }
        if (answer.status() == 200 || answer.status() == 202) {
            System.out.println(app + ": " + (action.equals("suspend")
                    ? "automatic sync suspended; it is left as it runs until 'driftless resume " + app + "'"
                    : "automatic sync resumed; a reconcile is queued"));
            return ExitCodes.OK;
        }
        System.err.println("error: " + answer.problem());
        return answer.status() == 404 ? ExitCodes.USAGE : ExitCodes.FAILED;
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true,
            description = "Stop reconciling an app: it is left exactly as it runs until resumed. Needs the API token.")
    static final class Suspend implements Callable<Integer> {
        @Mixin
        ApiClient api;

        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String app;

        @Override
        public Integer call() throws IOException, InterruptedException {
            return SuspendCommand.call(api, app, "suspend");
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Reconcile a suspended app again, at once. Needs the API token.")
    static final class Resume implements Callable<Integer> {
        @Mixin
        ApiClient api;

        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String app;

        @Override
        public Integer call() throws IOException, InterruptedException {
            return SuspendCommand.call(api, app, "resume");
        }
    }
}
