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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code driftless history APP}: the app's rollouts, newest first, from a running daemon. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Show an app's rollouts, newest first.")
final class HistoryCommand implements Callable<Integer> {

    @Mixin
    ApiClient api;

    @Parameters(index = "0", paramLabel = "APP", description = "The app.")
    String app;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    PlanOutput.Format output;

    @Option(names = "--steps", description = "Show each rollout's journal, step by step.")
    boolean steps;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ApiClient.Answer answer;
        try {
            answer = api.get("/api/apps/" + URLEncoder.encode(app, StandardCharsets.UTF_8)
                    + (steps ? "/journal" : "/history"));
        } catch (ConnectException e) {
            System.err.println("error: no daemon answers at " + api.base());
            return ExitCodes.FAILED;
        }
        if (answer.status() == 404) {
            System.err.println("error: " + answer.problem());
            return ExitCodes.USAGE;
        }
        if (answer.status() != 200) {
            System.err.println("error: " + answer.problem());
            return ExitCodes.FAILED;
        }
        if (output == PlanOutput.Format.JSON) {
            System.out.println(answer.body());
            return ExitCodes.OK;
        }
        if (steps) {
            printJournal(answer.json());
            return ExitCodes.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"STARTED", "TRIGGER", "RESULT", "REVISION", "SUMMARY"});
        for (JsonNode rollout : answer.json()) {
            String revision = rollout.path("revision").asText();
            String error = rollout.path("error").asText();
            rows.add(new String[] {StatusCommand.ago(rollout.path("startedAt").asText()), rollout.path("trigger").asText(),
                    rollout.path("result").asText(), revision.length() > 12 ? revision.substring(0, 12) : revision,
                    error.isEmpty() ? rollout.path("summary").asText() : error.lines().findFirst().orElse(error)});
        }
        StatusCommand.print(rows);
        return ExitCodes.OK;
    }

    /** Each rollout on a line, then its steps indented: the story of what was done and what was cut short. */
    private static void printJournal(JsonNode rollouts) {
        for (JsonNode rollout : rollouts) {
            String revision = rollout.path("revision").asText();
            String error = rollout.path("error").asText();
            System.out.println(StatusCommand.ago(rollout.path("startedAt").asText()) + "  "
                    + rollout.path("trigger").asText() + "  " + rollout.path("state").asText() + "  "
                    + (revision.length() > 12 ? revision.substring(0, 12) : revision)
                    + (error.isEmpty() ? "" : "  " + error.lines().findFirst().orElse(error)));
            for (JsonNode step : rollout.path("steps")) {
                String detail = step.path("detail").asText();
                System.out.println("    " + step.path("number").asText() + ". " + step.path("state").asText() + "  "
                        + step.path("kind").asText() + " " + step.path("subject").asText() + " ("
                        + step.path("reason").asText() + ")"
                        + (detail.isEmpty() ? "" : "  " + detail.lines().findFirst().orElse(detail)));
            }
        }
    }
}
