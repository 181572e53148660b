package dev.driftless.reconciler.engine;

/** What asked for a reconcile. It carries no state: the reconcile always re-reads git and Docker. */
public enum Trigger {
    STARTUP, POLL, WEBHOOK, API, CLI, RECOVERY;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
