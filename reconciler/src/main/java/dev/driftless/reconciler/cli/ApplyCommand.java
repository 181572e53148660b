package dev.driftless.reconciler.cli;

import dev.driftless.reconciler.engine.AppOutcome;
import dev.driftless.reconciler.engine.AppliedStep;
import dev.driftless.reconciler.engine.ReconcileReport;
import dev.driftless.reconciler.engine.Trigger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code driftless apply}: one reconcile without a daemon, for CI jobs and air-gapped hosts. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Make the engine match the repo once, then exit. Exit 0: done, 1: a step failed, 2: bad input.")
final class ApplyCommand implements Callable<Integer> {

    @Mixin
    RepoOptions repo;

    @Override
    public Integer call() throws IOException {
        try (OneShot oneShot = new OneShot(repo)) {
            ReconcileReport report = oneShot.reconciler().reconcile(Trigger.CLI);
            if (report.sourceError().isPresent()) {
                System.err.println("error: " + report.sourceError().get());
                return ExitCodes.USAGE;
            }
            boolean badInput = false;
            boolean failed = false;
            for (AppOutcome outcome : report.outcomes()) {
                if (outcome instanceof AppOutcome.Failed failure) {
                    System.err.println("error: app " + failure.app() + ": " + failure.error());
                    badInput = true;
                } else if (outcome instanceof AppOutcome.InSync inSync) {
                    System.out.println(inSync.app() + ": in sync, nothing to do");
                } else if (outcome instanceof AppOutcome.Applied applied) {
                    for (AppliedStep step : applied.steps()) {
                        System.out.println(applied.app() + ": " + step.action().change().sign() + " "
                                + step.action().subject() + " " + step.status().name().toLowerCase(java.util.Locale.ROOT)
                                + step.error().map(error -> ": " + error).orElse(""));
                    }
                    failed |= !applied.succeeded();
                }
            }
            return badInput ? ExitCodes.USAGE : failed ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }
}
