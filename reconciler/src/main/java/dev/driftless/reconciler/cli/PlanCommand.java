package dev.driftless.reconciler.cli;

import dev.driftless.reconciler.engine.Reconciler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * {@code driftless plan}: what {@code apply} would do, changing nothing. Exits like
 * {@code kubectl diff}: 0 nothing to change, 1 changes pending, 2 any error.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what apply would change on the engine (+ create, ~ change, - remove). Exit 0: in sync, 1: changes, 2: error.")
final class PlanCommand implements Callable<Integer> {

    @Mixin
    RepoOptions repo;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    PlanOutput.Format output;

    @Override
    public Integer call() throws IOException {
        try (OneShot oneShot = new OneShot(repo)) {
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
