package dev.driftless.reconciler.cli;

import picocli.CommandLine.Command;

import java.util.List;

/**
 * The top of the command tree; {@code driftless --help} lists what is here. The subcommands are
 * added by {@link DriftlessMain}, not listed in the annotation: building picocli's model of all of
 * them (reflection over every option of every command, in classes the JVM's class archive cannot
 * hold) cost a quarter of a second of every start, the daemon's and {@code driftless plan}'s alike,
 * while a run needs the model of one.
 */
@Command(name = "driftless",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "GitOps for plain Docker hosts: follows a git repo of Compose files and makes the engine match.",
        footer = {"", "Docs: docs/quick-start.md. Exit codes: 0 done, 1 failed (plan: changes pending), 2 bad usage or input."})
final class DriftlessCommand implements Runnable {

    /** Every subcommand, in the order {@code driftless --help} lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
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
            picocli.CommandLine.HelpCommand.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
