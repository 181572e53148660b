package dev.driftless.reconciler.cli;

import picocli.CommandLine.Command;

/** The top of the command tree; {@code driftless --help} lists what is here. */
@Command(name = "driftless",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "GitOps for plain Docker hosts: follows a git repo of Compose files and makes the engine match.",
        subcommands = {
                RunCommand.class,
                DemoCommand.class,
                ValidateCommand.class,
                PlanCommand.class,
                ApplyCommand.class,
                StatusCommand.class,
                HistoryCommand.class,
                SyncCommand.class,
                SuspendCommand.Suspend.class,
                SuspendCommand.Resume.class,
                RollbackCommand.class,
                SecretsCommand.class,
                picocli.CommandLine.HelpCommand.class
        },
        footer = {"", "Docs: docs/quick-start.md. Exit codes: 0 done, 1 failed (plan: changes pending), 2 bad usage or input."})
final class DriftlessCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
