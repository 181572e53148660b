package dev.driftless.providers.source;

import dev.driftless.manifests.layout.RepoTree;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one branch of one git repository, keeping its commits in a local bare cache.
 *
 * <p>This is the only place where Driftless talks to git: it fetches the branch, names its head
 * as a {@link Revision} and serves the files of any cached commit as a {@link RepoTree}, and it
 * hands out nothing of JGit. Every failure leaves as a {@link SourceException} that names the
 * source and says whether retrying may help.
 *
 * <p>Promises a caller relies on:
 * <ul>
 *   <li>The branch is fetched with a forced refspec, so a force-push simply moves the revision.
 *   <li>A branch that disappears from the remote is an error, never an empty revision, and the
 *       cached ref is kept: a deleted branch must not mean "delete everything".
 *   <li>An unchanged remote costs one ref advertisement and no fetch.
 *   <li>A cache left damaged by a crash (stale lock files, a repository that does not open,
 *       missing objects) is deleted and re-created once, with a warning in the log.
 * </ul>
 *
 * <p>Thread-safety: the methods are synchronized, so one instance may be shared, but calls run
 * one at a time (a {@link #tree} waits for a running {@link #fetch}). Use one instance per source
 * and cache directory; two instances, in one process or two, must not share a directory. A
 * {@link RepoTree} it returned stays readable until the instance is closed or a fetch re-creates
 * a damaged cache.
 */
public final class GitSource implements AutoCloseable {

    /** How long the transport waits to connect, and then for each read, before it gives up. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(GitSource.class);

    private final SourceSpec spec;
    private final BareCache cache;
    private final RemoteBranch remote;
    private final SourceEvents events;
    private boolean closed;

    /**
     * Does no I/O: the cache directory is created, or checked, by the first call that needs it.
     *
     * @param spec the repository and branch to follow
     * @param cacheDirectory a directory owned by this source alone; created when absent
     */
    public GitSource(SourceSpec spec, Path cacheDirectory) {
        this(spec, cacheDirectory, DEFAULT_TIMEOUT, SourceEvents.NONE);
    }

    /** For tests: {@code events} tells a fetch from a mere ref advertisement, and sees recoveries. */
    GitSource(SourceSpec spec, Path cacheDirectory, Duration timeout, SourceEvents events) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.cache = new BareCache(Objects.requireNonNull(cacheDirectory, "cacheDirectory"), spec.branch());
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the transport timeout must be positive, got " + timeout);
        }
        this.events = Objects.requireNonNull(events, "events");
        int timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
        this.remote = new RemoteBranch(spec, timeoutSeconds, events);
    }

    /** The repository and branch this source follows. */
    public SourceSpec spec() {
        return spec;
    }

    /**
     * Brings the cache up to date with the remote branch and returns the branch's head.
     *
     * @throws SourceException when the remote cannot be reached (transient), when the branch or
     *     the repository does not exist or the URL is not supported (not transient), or when the
     *     cache stays damaged after being re-created once
     */
    public synchronized Revision fetch() throws SourceException {
        ensureOpen();
        try {
            return fetchOnce();
        } catch (CacheDamagedException damage) {
            recreate(damage);
        }
        try {
            return fetchOnce();
        } catch (CacheDamagedException again) {
            throw new SourceException("the git cache " + cache.directory() + " of " + spec
                    + " is still unusable after being re-created: " + again.getMessage(), true, again);
        }
    }

    /**
     * The head of the branch as last fetched, read from the cache without touching the network;
     * empty when nothing was fetched yet. Lets a restarted daemon keep serving the last good
     * revision while the remote is unreachable.
     *
     * @throws SourceException when the cache cannot be read; the next {@link #fetch()} re-creates it
     */
    public synchronized Optional<Revision> cachedRevision() throws SourceException {
        ensureOpen();
        try {
            return cache.verifiedRevision(spec.branchRef());
        } catch (CacheDamagedException e) {
            throw damagedForReading(e);
        } catch (IOException e) {
            throw cacheUnusable(e);
        }
    }

    /**
     * The files of a cached commit: the head returned by {@link #fetch()} or any commit fetched
     * before it, also after a force-push left it behind.
     *
     * <p>Only regular files are listed; symbolic links and submodules are not files here.
     * {@link RepoTree#readText} decodes UTF-8 and throws an {@link java.io.UncheckedIOException}
     * naming the path and the commit for a file over 1 MiB, for bytes that are not UTF-8, or
     * when the cache cannot be read; a path that is not a file of the commit gives empty.
     *
     * @param commitId a full commit id, as in {@link Revision#commitId()}
     * @throws SourceException when the commit is not in the cache (not transient) or the cache
     *     cannot be read (transient: the next fetch re-creates it)
     */
    public synchronized RepoTree tree(String commitId) throws SourceException {
        ensureOpen();
        Objects.requireNonNull(commitId, "commitId");
        String id = commitId.toLowerCase(Locale.ROOT);
        if (!Revision.isCommitId(id)) {
            throw new SourceException("'" + commitId + "' is not a full commit id (asked of " + spec + ")", false, null);
        }
        Repository repository;
        try {
            repository = cache.open();
        } catch (CacheDamagedException e) {
            throw damagedForReading(e);
        } catch (IOException e) {
            throw cacheUnusable(e);
        }
        RevCommit commit;
        try (RevWalk walk = new RevWalk(repository)) {
            commit = walk.parseCommit(ObjectId.fromString(id));
        } catch (MissingObjectException e) {
            throw new SourceException("commit " + id.substring(0, 12) + " of " + spec
                    + " is not in the local cache; it was never fetched", false, e);
        } catch (IncorrectObjectTypeException e) {
            throw new SourceException(id.substring(0, 12) + " is not a commit of " + spec, false, e);
        } catch (IOException e) {
            cache.markDamaged("commit " + id.substring(0, 12) + " cannot be read: " + e.getMessage());
            throw new SourceException("cannot read commit " + id.substring(0, 12) + " of " + spec
                    + " from the cache; the next fetch re-creates it: " + e.getMessage(), true, e);
        }
        try {
            return CommitTree.read(repository, commit);
        } catch (IOException e) {
            cache.markDamaged("the files of commit " + id.substring(0, 12) + " are missing: " + e.getMessage());
            throw new SourceException("the cache of " + spec + " is missing files of commit " + id.substring(0, 12)
                    + "; the next fetch re-creates it: " + e.getMessage(), true, e);
        }
    }

    /** Releases the cache repository; the cache stays on disk for the next instance. */
    @Override
    public synchronized void close() {
        closed = true;
        cache.close();
    }

    private Revision fetchOnce() throws SourceException, CacheDamagedException {
        try {
            Optional<Revision> cached = cache.verifiedRevision(spec.branchRef());
            if (!remote.update(cache, cached)) {
                LOG.debug("{} is unchanged at {}", spec, cached.map(Revision::shortId).orElse("nothing"));
                return cached.orElseThrow();
            }
            Revision head = cache.verifiedRevision(spec.branchRef()).orElseThrow(() ->
                    new CacheDamagedException("the ref " + spec.branchRef() + " is missing right after the fetch", null));
            LOG.info("Fetched {}: {} \"{}\" (was {})", spec, head.shortId(), head.subject(),
                    cached.map(Revision::shortId).orElse("nothing"));
            return head;
        } catch (IOException e) {
            throw cacheUnusable(e);
        }
    }

    private void recreate(CacheDamagedException damage) throws SourceException {
        if (!damage.deletable()) {
            throw new SourceException("cannot use the git cache for " + spec + ": " + damage.getMessage(), false, damage);
        }
        LOG.warn("The git cache {} of {} is damaged ({}); deleting it and fetching again",
                cache.directory(), spec, damage.getMessage());
        try {
            cache.discard();
        } catch (IOException e) {
            throw new SourceException("cannot delete the damaged git cache " + cache.directory() + " of " + spec
                    + ": " + e.getMessage(), true, e);
        }
        events.cacheRecreated(damage.getMessage());
    }

    private SourceException damagedForReading(CacheDamagedException e) {
        if (!e.deletable()) {
            return new SourceException("cannot use the git cache for " + spec + ": " + e.getMessage(), false, e);
        }
        cache.markDamaged(e.getMessage());
        return new SourceException("the git cache " + cache.directory() + " of " + spec + " cannot be read ("
                + e.getMessage() + "); the next fetch re-creates it", true, e);
    }

    private SourceException cacheUnusable(IOException e) {
        return new SourceException("cannot use the git cache " + cache.directory() + " of " + spec + ": "
                + e.getMessage(), true, e);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the git source " + spec + " is closed");
        }
    }
}
