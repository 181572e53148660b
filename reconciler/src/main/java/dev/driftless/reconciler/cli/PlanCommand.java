package dev.driftless.reconciler.cli;

import dev.driftless.reconciler.engine.Reconciler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code driftless plan}: what {@code apply} would do, changing nothing. Exits like
 * {@code kubectl diff}: 0 nothing to change, 1 changes pending, 2 any error.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show what apply would change on the engines (+ create, ~ change, - remove). Exit 0: in sync, 1: changes, 2: error.",
                "Each app is planned on the target(s) driftless.yaml places it on; with several targets the plan is grouped as app@target."})
final class PlanCommand implements Callable<Integer> {

    @Mixin
    RepoOptions repo;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    PlanOutput.Format output;

    @Option(names = "--target", paramLabel = "NAME",
            description = "Plan only the apps on this target of driftless.yaml (default: every target).")
    String target;

    @Override
    public Integer call() throws IOException {
        try (OneShot oneShot = new OneShot(repo, Optional.ofNullable(target))) {
            Optional<String> unknown = oneShot.unknownTarget();
            if (unknown.isPresent()) {
                System.err.println("error: " + unknown.get());
                return ExitCodes.USAGE;
            }
            Reconciler.Preview preview = oneShot.reconciler().preview();
            PrintStream out = System.out;
            if (output == PlanOutput.Format.JSON) {
                out.println(PlanOutput.json(preview));
            } else {
                out.print(PlanOutput.text(preview, PlanOutput.colourWanted()));
            }
            if (preview.sourceError().isPresent() || !preview.failures().isEmpty()) {
                return ExitCodes.USAGE;
            }
            return preview.hasChanges() ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }
}
