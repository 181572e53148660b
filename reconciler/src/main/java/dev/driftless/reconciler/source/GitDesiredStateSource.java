package dev.driftless.reconciler.source;

import dev.driftless.providers.source.GitSource;
import dev.driftless.providers.source.RemoteHeads;
import dev.driftless.providers.source.Revision;
import dev.driftless.providers.source.SourceException;
import dev.driftless.providers.source.SourceSpec;
import dev.driftless.reconciler.engine.DesiredStateSource;
import dev.driftless.reconciler.engine.Snapshot;
import dev.driftless.reconciler.engine.SourceUnavailableException;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/** A git source as the reconciler sees it: each {@link #latest()} fetches and reads the branch head. */
public final class GitDesiredStateSource implements DesiredStateSource, AutoCloseable {

    private final SourceSpec spec;
    private final GitSource git;

    private final AtomicReference<RemoteHeads.Round> round = new AtomicReference<>();

    public GitDesiredStateSource(SourceSpec spec, Path cacheDirectory) {
        this.spec = spec;
        this.git = new GitSource(spec, cacheDirectory);
    }

    /** A source whose remote listings go through {@code heads}, shared with the other sources of the daemon. */
    public GitDesiredStateSource(SourceSpec spec, Path cacheDirectory, RemoteHeads heads) {
        this.spec = spec;
        this.git = new GitSource(spec, cacheDirectory, heads);
    }

    /**
     * Makes the next {@link #latest()} use this poll round's listing of the remote, so that
     * sources on one repository polled together cost the remote one listing.
     */
    public void useRound(RemoteHeads.Round next) {
        round.set(next);
    }

    @Override
    public String repoName() {
        return spec.rootName();
    }

    @Override
    public String location() {
        return spec.toString();
    }

    @Override
    public Snapshot latest() throws SourceUnavailableException {
        try {
            RemoteHeads.Round shared = round.getAndSet(null);
            Revision revision = shared == null ? git.fetch() : git.fetch(shared);
            return new Snapshot(revision.commitId(), revision.subject(), git.tree(revision.commitId()));
        } catch (SourceException e) {
            throw new SourceUnavailableException(e.getMessage(), e);
        }
    }

    @Override
    public Snapshot at(String revision) throws SourceUnavailableException {
        try {
            return new Snapshot(revision, "rollback to " + revision.substring(0, Math.min(12, revision.length())),
                    git.tree(revision));
        } catch (SourceException e) {
            throw new SourceUnavailableException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
