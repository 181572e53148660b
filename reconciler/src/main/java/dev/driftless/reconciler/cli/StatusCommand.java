package dev.driftless.reconciler.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code driftless status}: every app a running daemon follows, as {@code kubectl get} shows things. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the apps of a running daemon: sync status, last result, revision. Exit 1 if it cannot be reached.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    ApiClient api;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    PlanOutput.Format output;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ApiClient.Answer answer;
        try {
            answer = api.get("/api/apps");
        } catch (ConnectException e) {
            System.err.println("error: no daemon answers at " + api.base() + " (start one with 'driftless run', or give --url)");
            return ExitCodes.FAILED;
        }
        if (answer.status() != 200) {
            System.err.println("error: " + answer.problem());
            return ExitCodes.FAILED;
        }
        if (output == PlanOutput.Format.JSON) {
            System.out.println(answer.body());
            return ExitCodes.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"APP", "SOURCE", "SYNC", "RESULT", "REVISION", "RECONCILED", "ERROR"});
        for (JsonNode app : answer.json()) {
            String revision = app.path("revision").asText();
            rows.add(new String[] {
                    app.path("app").asText(), app.path("source").asText(), app.path("sync").asText(),
                    app.path("result").asText(), revision.length() > 12 ? revision.substring(0, 12) : revision,
                    ago(app.path("reconciledAt").asText()), firstLine(app.path("error").asText())});
        }
        print(rows);
        return ExitCodes.OK;
    }

    static void print(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 3) + "s", row[i]));
            }
            System.out.println(line.toString().stripTrailing());
        }
    }

    static String ago(String instant) {
        try {
            Duration age = Duration.between(Instant.parse(instant), Instant.now());
            long seconds = Math.max(0, age.toSeconds());
            return seconds < 120 ? seconds + "s ago" : seconds < 7200 ? seconds / 60 + "m ago" : seconds / 3600 + "h ago";
        } catch (RuntimeException e) {
            return instant;
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
