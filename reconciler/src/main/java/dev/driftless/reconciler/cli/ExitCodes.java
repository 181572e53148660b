package dev.driftless.reconciler.cli;

/** The exit codes of every command (DESIGN.md, "Command line"). */
final class ExitCodes {

    static final int OK = 0;
    /** Failed; for {@code plan}: changes are pending, like {@code kubectl diff}. */
    static final int FAILED = 1;
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
