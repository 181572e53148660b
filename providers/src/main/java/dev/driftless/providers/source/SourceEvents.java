package dev.driftless.providers.source;

/**
 * What a {@link GitSource} did besides answering, for tests to observe (and, later, metrics):
 * that a fetch transferred objects rather than only reading the remote's refs, and that a
 * damaged cache was re-created.
 */
interface SourceEvents {

    SourceEvents NONE = new SourceEvents() { };

    /** Objects are about to be fetched: the remote's ref differs from the cache's, or a commit is missing. */
    default void transferring() {
    }

    /** The cache was deleted, for the given reason, and will be created afresh. */
    default void cacheRecreated(String reason) {
    }
}
