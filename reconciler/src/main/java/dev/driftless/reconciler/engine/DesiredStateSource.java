package dev.driftless.reconciler.engine;

/**
 * Where desired state comes from: a git source in the daemon, a local folder for the one-shot
 * commands. The reconciler re-reads it on every trigger; a trigger never carries the state itself.
 */
public interface DesiredStateSource {

    /** Names a root-level app, as Compose names a project after its folder. */
    String repoName();

    /** Where it is, for messages: a URL and branch, or a path. */
    String location();

    /**
     * Who deployed a container, as its {@code dev.driftless.source} label says: an app that leaves
     * this source is pruned only from containers carrying it. Unlike {@link #repoName()}, two
     * sources never share it (two folders called {@code repo}, one repository's two branches), so
     * they cannot prune each other's apps. Never holds a credential: it is readable by anyone who
     * can inspect a container.
     */
    default String identity() {
        return location();
    }

    /**
     * @throws SourceUnavailableException when the source cannot be read now; nothing is pruned then
     */
    Snapshot latest() throws SourceUnavailableException;

    /**
     * The files at an earlier revision, for a rollback.
     *
     * @throws SourceUnavailableException when the source keeps no history (a local folder) or
     *     does not have that revision
     */
    default Snapshot at(String revision) throws SourceUnavailableException {
        throw new SourceUnavailableException(location() + " keeps no history; cannot read revision " + revision, null);
    }
}
