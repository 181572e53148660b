package dev.driftless.reconciler.store;

/**
 * The store's schema could not be brought to this version's: a script was edited after it was
 * applied, a former migration failed half-way, the store has a gap, or a statement failed. The
 * message names the script (and the line, for a failed statement); the daemon does not start on
 * a store whose schema it cannot trust.
 */
public final class StoreMigrationException extends RuntimeException {

    public StoreMigrationException(String message) {
        super(message);
    }

    public StoreMigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
