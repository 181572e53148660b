package dev.driftless.reconciler.engine;

/** What asked for a reconcile. It carries no state: the reconcile always re-reads git and Docker. */
public enum Trigger {
    STARTUP, POLL, WEBHOOK, API, CLI,
    /** The engine said a container of the app died, stopped, went or was renamed: perhaps by hand. */
    DRIFT,
    /** This instance just won the lease: it looks at everything the former leader may have left half done. */
    RECOVERY;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
