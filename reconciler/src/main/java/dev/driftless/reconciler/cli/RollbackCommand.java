package dev.driftless.reconciler.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code driftless rollback APP [--to REVISION]}: redeploy an earlier good revision and suspend the
 * app's automatic sync, so the next poll does not undo it (as Argo CD does); {@code resume} ends it.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Redeploy an app's previous good revision (or --to REVISION) and suspend its automatic sync until 'resume'. Needs the API token.")
final class RollbackCommand implements Callable<Integer> {

    @Mixin
    ApiClient api;

    @Parameters(index = "0", paramLabel = "APP", description = "The app.")
    String app;

    @Option(names = "--to", paramLabel = "REVISION", description = "The full commit id to go back to (default: the last good one before the current).")
    String to;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String path = "/api/apps/" + URLEncoder.encode(app, StandardCharsets.UTF_8) + "/rollback"
                + (to == null ? "" : "?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8));
        ApiClient.Answer answer;
        try {
            answer = api.post(path);
        } catch (ConnectException e) {
            System.err.println("error: no daemon answers at " + api.base());
            return ExitCodes.FAILED;
        }
        if (answer.status() == 202) {
            JsonNode body = answer.json();
            System.out.println(app + ": rolling back to " + body.path("revision").asText()
                    + "; automatic sync is suspended until 'driftless resume " + app + "'");
            return ExitCodes.OK;
        }
        System.err.println("error: " + answer.problem());
        return answer.status() == 404 || answer.status() == 400 ? ExitCodes.USAGE : ExitCodes.FAILED;
    }
}
