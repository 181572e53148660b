package dev.driftless.reconciler.source;

import dev.driftless.providers.source.GitSource;
import dev.driftless.providers.source.Revision;
import dev.driftless.providers.source.SourceException;
import dev.driftless.providers.source.SourceSpec;
import dev.driftless.reconciler.engine.DesiredStateSource;
import dev.driftless.reconciler.engine.Snapshot;
import dev.driftless.reconciler.engine.SourceUnavailableException;

import java.nio.file.Path;

/** A git source as the reconciler sees it: each {@link #latest()} fetches and reads the branch head. */
public final class GitDesiredStateSource implements DesiredStateSource, AutoCloseable {

    private final SourceSpec spec;
    private final GitSource git;

    public GitDesiredStateSource(SourceSpec spec, Path cacheDirectory) {
        this.spec = spec;
        this.git = new GitSource(spec, cacheDirectory);
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
            Revision revision = git.fetch();
            return new Snapshot(revision.commitId(), revision.subject(), git.tree(revision.commitId()));
        } catch (SourceException e) {
            throw new SourceUnavailableException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
