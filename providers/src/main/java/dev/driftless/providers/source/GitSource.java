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
 * Follows one source (a branch, the newest release tag or a pinned commit of one git
 * repository), keeping its commits in a local bare cache.
 *
 * <p>This is the only place where Driftless talks to git: it fetches the source, names its
 * current commit as a {@link Revision} and serves the files of any cached commit as a
 * {@link RepoTree} (rooted at the source's sub-path), and it hands out nothing of JGit. Every
 * failure leaves as a {@link SourceException} that names the source and says whether retrying
 * may help.
 *
 * <p>Promises a caller relies on:
 * <ul>
 *   <li>A branch is fetched with a forced refspec, so a force-push simply moves the revision.
 *   <li>A branch that disappears from the remote is an error, never an empty revision, and the
 *       cached ref is kept: a deleted branch must not mean "delete everything". Likewise a tag
 *       pattern that no tag matches any more, and a sub-path missing from a revision.
 *   <li>An unchanged remote costs one ref listing, shared by every source on that repository
 *       within a poll round ({@link RemoteHeads}), and no fetch; a cached pinned commit costs
 *       nothing at all.
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
    public static final Duration DEFAULT_TIMEOUT = RemoteAccess.DEFAULT_TIMEOUT;

    private static final Logger LOG = LoggerFactory.getLogger(GitSource.class);

    private final SourceSpec spec;
    private final BareCache cache;
    private final RemoteHeads heads;
    private final boolean ownsHeads;
    private final RemoteFetch remote;
    private final SourceEvents events;
    private boolean closed;

    /**
     * A source with its own remote checks, the default timeout and the process's environment
     * for secrets. Does no I/O: the cache directory is created, or checked, by the first call
     * that needs it.
     *
     * @param spec the repository and what to follow in it
     * @param cacheDirectory a directory owned by this source alone; created when absent
     */
    public GitSource(SourceSpec spec, Path cacheDirectory) {
        this(spec, cacheDirectory, new RemoteHeads(RemoteAccess.standard()), true, SourceEvents.NONE);
    }

    /**
     * A source whose remote checks are shared with the other sources of {@code heads}: pass the
     * same {@link RemoteHeads.Round} to their {@link #fetch(RemoteHeads.Round)} and each remote
     * is listed once per round. Does no I/O.
     *
     * @param spec the repository and what to follow in it
     * @param cacheDirectory a directory owned by this source alone; created when absent
     * @param heads the shared remote checks; closing this source leaves them open
     */
    public GitSource(SourceSpec spec, Path cacheDirectory, RemoteHeads heads) {
        this(spec, cacheDirectory, heads, false, SourceEvents.NONE);
    }

    /** For tests: {@code events} tells a fetch from a mere ref listing, and sees recoveries. */
    GitSource(SourceSpec spec, Path cacheDirectory, Duration timeout, SourceEvents events) {
        this(spec, cacheDirectory, new RemoteHeads(new RemoteAccess(timeout, System::getenv)), true, events);
    }

    /** For tests: shared remote checks, and {@code events} as above. */
    GitSource(SourceSpec spec, Path cacheDirectory, RemoteHeads heads, SourceEvents events) {
        this(spec, cacheDirectory, heads, false, events);
    }

    private GitSource(SourceSpec spec, Path cacheDirectory, RemoteHeads heads, boolean ownsHeads,
            SourceEvents events) {
        this.spec = Objects.requireNonNull(spec, "spec");
        String initialBranch = spec.ref() instanceof SourceRef.Branch branch ? branch.name() : "main";
        this.cache = new BareCache(Objects.requireNonNull(cacheDirectory, "cacheDirectory"), initialBranch);
        this.heads = Objects.requireNonNull(heads, "heads");
        this.ownsHeads = ownsHeads;
        this.events = Objects.requireNonNull(events, "events");
        this.remote = new RemoteFetch(spec, heads.access(), events);
    }

    /** The repository, ref, folder and credentials this source follows. */
    public SourceSpec spec() {
        return spec;
    }

    /**
     * Brings the cache up to date with the remote and returns the source's current commit, with
     * a remote check of its own: the same as {@code fetch(heads.newRound())}.
     *
     * @throws SourceException as {@link #fetch(RemoteHeads.Round)}
     */
    public Revision fetch() throws SourceException {
        return fetch(heads.newRound());
    }

    /**
     * Brings the cache up to date with the remote and returns the source's current commit: the
     * branch's head, the commit of the newest matching tag, or the pinned commit. The remote's
     * refs are read from the round, which lists each repository once for all its sources.
     *
     * @param round a poll round of this source's {@link RemoteHeads}
     * @throws SourceException when the remote cannot be reached (transient), when authentication
     *     fails, the host key is refused, the branch, tag or commit or the repository does not
     *     exist, or the URL is not supported (not transient), or when the cache stays damaged
     *     after being re-created once
     */
    public synchronized Revision fetch(RemoteHeads.Round round) throws SourceException {
        ensureOpen();
        Objects.requireNonNull(round, "round");
        if (round.heads() != heads) {
            throw new IllegalArgumentException("the round belongs to other remote checks than " + spec + " uses");
        }
        try {
            return fetchOnce(round);
        } catch (CacheDamagedException damage) {
            recreate(damage);
        }
        try {
            return fetchOnce(round);
        } catch (CacheDamagedException again) {
            throw new SourceException("the git cache " + cache.directory() + " of " + spec
                    + " is still unusable after being re-created: " + again.getMessage(), true, again);
        }
    }

    /**
     * The source's commit as last fetched, read from the cache without touching the network;
     * empty when nothing was fetched yet. Lets a restarted daemon keep serving the last good
     * revision while the remote is unreachable.
     *
     * @throws SourceException when the cache cannot be read; the next {@link #fetch()} re-creates it
     */
    public synchronized Optional<Revision> cachedRevision() throws SourceException {
        ensureOpen();
        try {
            return cachedHead();
        } catch (CacheDamagedException e) {
            throw damagedForReading(e);
        } catch (IOException e) {
            throw cacheUnusable(e);
        }
    }

    /**
     * The files of a cached commit: the head returned by {@link #fetch()} or any commit fetched
     * before it, also after a force-push left it behind. With a sub-path, the tree is rooted at
     * that folder: its paths are relative to it.
     *
     * <p>Only regular files are listed; symbolic links and submodules are not files here.
     * {@link RepoTree#readText} decodes UTF-8 and throws an {@link java.io.UncheckedIOException}
     * naming the path and the commit for a file over 1 MiB, for bytes that are not UTF-8, or
     * when the cache cannot be read; a path that is not a file of the commit gives empty.
     *
     * @param commitId a full commit id, as in {@link Revision#commitId()}
     * @throws SourceException when the commit is not in the cache or has no folder at the
     *     source's sub-path (not transient), or the cache cannot be read (transient: the next fetch
     *     re-creates it)
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
        Optional<CommitTree> tree;
        try {
            tree = CommitTree.read(repository, commit, spec.path());
        } catch (IOException e) {
            cache.markDamaged("the files of commit " + id.substring(0, 12) + " are missing: " + e.getMessage());
            throw new SourceException("the cache of " + spec + " is missing files of commit " + id.substring(0, 12)
                    + "; the next fetch re-creates it: " + e.getMessage(), true, e);
        }
        return tree.orElseThrow(() -> new SourceException("commit " + id.substring(0, 12) + " of " + spec
                + " has no folder '" + spec.path() + "'", false, null));
    }

    /**
     * Releases the cache repository, and the remote checks when this source made its own; the
     * cache stays on disk for the next instance.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        cache.close();
        if (ownsHeads) {
            heads.close();
        }
    }

    private String localRef() {
        return RemoteFetch.localRef(spec.ref());
    }

    private Revision fetchOnce(RemoteHeads.Round round) throws SourceException, CacheDamagedException {
        try {
            Optional<Revision> cached = cachedHead();
            if (!remote.update(cache, cached, round)) {
                LOG.debug("{} is unchanged at {}", spec, cached.map(Revision::shortId).orElse("nothing"));
                return cached.orElseThrow();
            }
            Revision head = cache.verifiedRevision(localRef()).orElseThrow(() ->
                    new CacheDamagedException("the ref " + localRef() + " is missing right after the fetch", null));
            LOG.info("Fetched {}: {} \"{}\" (was {})", spec, head.shortId(), head.subject(),
                    cached.map(Revision::shortId).orElse("nothing"));
            return head;
        } catch (IOException e) {
            throw cacheUnusable(e);
        }
    }

    /** The cached commit, unless a pinned source's cache still holds an earlier pin. */
    private Optional<Revision> cachedHead() throws CacheDamagedException, IOException {
        Optional<Revision> cached = cache.verifiedRevision(localRef());
        if (spec.ref() instanceof SourceRef.Commit pin) {
            return cached.filter(revision -> revision.commitId().equals(pin.id()));
        }
        return cached;
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
