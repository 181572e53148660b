package dev.driftless.reconciler.cli;

import picocli.CommandLine;

import java.util.Optional;

/** The {@code driftless} command: one process, one command, exit codes 0 done, 1 failed, 2 bad usage or input. */
public final class DriftlessMain {

    private DriftlessMain() {
    }

    public static void main(String[] args) {
        int exit = commandLine(args).execute(args);
        if (exit != DaemonLauncher.KEEP_RUNNING) {
            System.exit(exit);
        }
    }

    /** The whole command tree, as {@code driftless --help} and {@code driftless help COMMAND} need it. */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command tree for {@code args}: when they start with a subcommand's name, that subcommand
     * alone (a daemon or a {@code plan} starts faster for not building the others' models), else all
     * of them (help, a typo that picocli answers with "did you mean", no command at all).
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new DriftlessCommand());
        Optional<Class<?>> named = args.length == 0 ? Optional.empty()
                : DriftlessCommand.SUBCOMMANDS.stream()
                        .filter(command -> command != CommandLine.HelpCommand.class && nameOf(command).equals(args[0]))
                        .findFirst();
        for (Class<?> subcommand : DriftlessCommand.SUBCOMMANDS) {
            if (named.isEmpty() || named.get() == subcommand) {
                cli.addSubcommand(subcommand);
            }
        }
        return cli
                .setExitCodeExceptionMapper(error -> ExitCodes.USAGE)
                .setParameterExceptionHandler((error, ignoredArgs) -> {
                    CommandLine cmd = error.getCommandLine();
                    cmd.getErr().println(cmd.getColorScheme().errorText("error: " + error.getMessage()));
                    // "Did you mean: driftless plan?" for a mistyped command or option.
                    CommandLine.UnmatchedArgumentException.printSuggestions(error, cmd.getErr());
                    cmd.getErr().println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
                    return ExitCodes.USAGE;
                });
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(CommandLine.Command.class).name();
    }
}
