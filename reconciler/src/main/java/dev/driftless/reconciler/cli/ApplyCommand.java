package dev.driftless.reconciler.cli;

import dev.driftless.reconciler.engine.AppOutcome;
import dev.driftless.reconciler.engine.AppliedStep;
import dev.driftless.reconciler.engine.ReconcileReport;
import dev.driftless.reconciler.engine.Trigger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code driftless apply}: one reconcile without a daemon, for CI jobs and air-gapped hosts. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Make the engines match the repo once, then exit. Exit 0: done, 1: a step failed, 2: bad input.",
                "Each app is applied on the target(s) driftless.yaml places it on; with several targets each line names app@target."})
final class ApplyCommand implements Callable<Integer> {

    @Mixin
    RepoOptions repo;

    @Option(names = "--target", paramLabel = "NAME",
            description = "Apply only on this target of driftless.yaml (default: every target).")
    String target;

    @Override
    public Integer call() throws IOException {
        try (OneShot oneShot = new OneShot(repo, Optional.ofNullable(target))) {
            Optional<String> unknown = oneShot.unknownTarget();
            if (unknown.isPresent()) {
                System.err.println("error: " + unknown.get());
                return ExitCodes.USAGE;
            }
            ReconcileReport report = oneShot.reconciler().reconcile(Trigger.CLI);
            if (report.sourceError().isPresent()) {
                System.err.println("error: " + report.sourceError().get());
                return ExitCodes.USAGE;
            }
            boolean badInput = false;
            boolean failed = false;
            boolean named = PlanOutput.namesTargets(report.byTarget().values().stream()
                    .flatMap(perTarget -> perTarget.keySet().stream()).toList());
            for (AppOutcome merged : report.outcomes()) {
                // An app that did not render has no target's outcome: it is named alone.
                Map<String, AppOutcome> perTarget = named && report.byTarget().containsKey(merged.app())
                        ? report.byTarget().get(merged.app()) : Map.of("", merged);
                for (Map.Entry<String, AppOutcome> each : perTarget.entrySet()) {
                    AppOutcome outcome = each.getValue();
                    String app = each.getKey().isEmpty() ? outcome.app() : outcome.app() + "@" + each.getKey();
                    if (outcome instanceof AppOutcome.Failed failure) {
                        System.err.println("error: app " + app + ": " + failure.error());
                        badInput = true;
                    } else if (outcome instanceof AppOutcome.InSync) {
                        System.out.println(app + ": in sync, nothing to do");
                    } else if (outcome instanceof AppOutcome.Applied applied) {
                        for (AppliedStep step : applied.steps()) {
                            System.out.println(app + ": " + step.action().change().sign() + " "
                                    + step.action().subject() + " "
                                    + step.status().name().toLowerCase(java.util.Locale.ROOT)
                                    + step.error().map(error -> ": " + error).orElse(""));
                        }
                        failed |= !applied.succeeded();
                    }
                }
            }
            return badInput ? ExitCodes.USAGE : failed ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }
}
