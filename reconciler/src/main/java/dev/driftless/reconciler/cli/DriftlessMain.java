package dev.driftless.reconciler.cli;

import picocli.CommandLine;

/** The {@code driftless} command: one process, one command, exit codes 0 done, 1 failed, 2 bad usage or input. */
public final class DriftlessMain {

    private DriftlessMain() {
    }

    public static void main(String[] args) {
        int exit = commandLine().execute(args);
        if (exit != DaemonLauncher.KEEP_RUNNING) {
            System.exit(exit);
        }
    }

    static CommandLine commandLine() {
        return new CommandLine(new DriftlessCommand())
                .setExitCodeExceptionMapper(error -> ExitCodes.USAGE)
                .setParameterExceptionHandler((error, args) -> {
                    CommandLine cmd = error.getCommandLine();
                    cmd.getErr().println(cmd.getColorScheme().errorText("error: " + error.getMessage()));
                    cmd.getErr().println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
                    return ExitCodes.USAGE;
                });
    }
}
