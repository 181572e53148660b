package dev.driftless.providers.source;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation with the remote about one source: read the remote's refs from the round's
 * shared listing, decide which commit the source is on, and fetch only when the cache does not
 * have it yet. Transport errors become {@link SourceException}s here, through
 * {@link RemoteAccess#translate}; errors of the cache become {@link CacheDamagedException}s.
 *
 * <p>Shallow fetches (depth 1) are used for a pinned commit only. There they help and cost
 * nothing: the source never moves, so one snapshot is all it will ever read. Branches and tags
 * are fetched with their history, on purpose: a shallow cache would hold only the heads it
 * happened to fetch, so {@link GitSource#tree} could not read an older revision the daemon never
 * saw as a head (the previous release for a rollback, the commits between two polls, any revision
 * after a damaged cache was re-created). The full history is paid once, at the first fetch;
 * every later fetch sends only new objects, and an unchanged remote sends none.
 */
final class RemoteFetch {

    /** Remembers which commit a tag-pattern source chose (the tag itself is kept under refs/tags). */
    static final String SELECTED_TAG_REF = "refs/driftless/selected-tag";
    /** Remembers the pinned commit, and keeps it from garbage collection. */
    static final String PINNED_COMMIT_REF = "refs/driftless/pinned";

    private static final Logger LOG = LoggerFactory.getLogger(RemoteFetch.class);
    private static final int SHALLOW_DEPTH = 1;
    /** Where branches and tags go when a pinned commit must be searched for among them. */
    private static final String SEARCH_REFS = "refs/driftless/search/";

    private final SourceSpec spec;
    private final RemoteAccess access;
    private final SourceEvents events;

    RemoteFetch(SourceSpec spec, RemoteAccess access, SourceEvents events) {
        this.spec = spec;
        this.access = access;
        this.events = events;
    }

    /** The local ref that holds the source's current commit. */
    static String localRef(SourceRef ref) {
        if (ref instanceof SourceRef.Branch branch) {
            return branch.refName();
        }
        return ref instanceof SourceRef.TagPattern ? SELECTED_TAG_REF : PINNED_COMMIT_REF;
    }

    /**
     * Makes the cache's {@link #localRef} match the remote.
     *
     * @param cached the cache's current commit of the source, already verified
     * @return whether the local ref was moved; {@code false} when the remote was unchanged
     * @throws SourceException when the remote cannot be read or has no such branch, tag or
     *     commit; the cache's ref is then left as it was
     * @throws CacheDamagedException when the failure lies in the cache, not the remote
     */
    boolean update(BareCache cache, Optional<Revision> cached, RemoteHeads.Round round)
            throws SourceException, CacheDamagedException {
        try {
            SourceRef ref = spec.ref();
            if (ref instanceof SourceRef.Branch branch) {
                return updateBranch(cache, cached, round, branch);
            }
            if (ref instanceof SourceRef.TagPattern pattern) {
                return updateTag(cache, cached, round, pattern);
            }
            return updatePinned(cache, cached, (SourceRef.Commit) ref);
        } catch (RemoteError e) {
            throw e.against(spec);
        } catch (IOException e) {
            throw new SourceException("cannot use the git cache " + cache.directory() + " of " + spec + ": "
                    + e.getMessage(), true, e);
        }
    }

    private boolean updateBranch(BareCache cache, Optional<Revision> cached, RemoteHeads.Round round,
            SourceRef.Branch branch) throws SourceException, CacheDamagedException, RemoteError, IOException {
        RemoteHeads.Advertised advertised = round.advertisement(spec.remote()).ref(branch.refName());
        if (advertised == null) {
            // Deliberately no fetch: a deleted branch must not delete the cached one.
            throw new SourceException("branch '" + branch.name() + "' not found at " + spec.redactedUrl(), false, null);
        }
        if (cached.isPresent() && cached.get().commitId().equals(advertised.id().name())) {
            return false;
        }
        String refName = branch.refName();
        FetchResult result = fetch(cache, List.of(new RefSpec("+" + refName + ":" + refName)), false);
        checkRefUpdate(result.getTrackingRefUpdate(refName), refName);
        return true;
    }

    private boolean updateTag(BareCache cache, Optional<Revision> cached, RemoteHeads.Round round,
            SourceRef.TagPattern pattern) throws SourceException, CacheDamagedException, RemoteError, IOException {
        RemoteHeads.Advertisement advertisement = round.advertisement(spec.remote());
        List<String> tags = advertisement.tagNames();
        String tag = pattern.select(tags).orElseThrow(() -> new SourceException("no tag at " + spec.redactedUrl()
                + " matches '" + pattern.pattern() + "' and names a semantic version"
                + (pattern.includePreReleases() ? "" : " (pre-releases left out)")
                + " among its " + tags.size() + " tags", false, null));
        String tagRef = Constants.R_TAGS + tag;
        ObjectId advertised = advertisement.ref(tagRef).id();
        boolean tagCached = cache.refTarget(tagRef).filter(advertised::equals).isPresent();
        Optional<ObjectId> commit = tagCached ? cache.commitOf(advertised) : Optional.empty();
        if (cached.isPresent() && commit.isPresent() && cached.get().commitId().equals(commit.get().name())) {
            return false;
        }
        if (commit.isEmpty()) {
            FetchResult result = fetch(cache, List.of(new RefSpec("+" + tagRef + ":" + tagRef)), false);
            checkRefUpdate(result.getTrackingRefUpdate(tagRef), tagRef);
            commit = cache.commitOf(advertised);
        }
        ObjectId target = commit.orElseThrow(() -> new SourceException("the tag '" + tag + "' at "
                + spec.redactedUrl() + " does not point to a commit", false, null));
        cache.setRef(SELECTED_TAG_REF, target);
        LOG.info("{} is on tag '{}' ({})", spec, tag, target.abbreviate(12).name());
        return true;
    }

    /**
     * A pinned commit is fetched by its id, which protocol v2 servers allow (and GitHub, GitLab
     * and Gitea allow for any reachable commit). A server that refuses is asked for its branches
     * and tags in full instead, and the commit looked for among them. Once cached, the remote is
     * never asked again: a commit id cannot move.
     */
    private boolean updatePinned(BareCache cache, Optional<Revision> cached, SourceRef.Commit pin)
            throws SourceException, CacheDamagedException, RemoteError, IOException {
        if (cached.isPresent() && cached.get().commitId().equals(pin.id())) {
            return false;
        }
        ObjectId id = ObjectId.fromString(pin.id());
        Optional<ObjectId> commit = cache.commitOf(id);
        if (commit.isEmpty()) {
            try {
                fetch(cache, List.of(new RefSpec(pin.id())), true);
            } catch (SourceException e) {
                if (!e.transientFailure()) {
                    throw e; // refused credentials or host key: searching would be refused the same way
                }
                LOG.info("{}: the remote did not serve the commit by its id ({}); looking for it among all branches"
                        + " and tags", spec, e.getMessage());
            }
            commit = cache.commitOf(id);
        }
        if (commit.isEmpty()) {
            fetch(cache, List.of(new RefSpec("+" + Constants.R_HEADS + "*:" + SEARCH_REFS + "heads/*"),
                    new RefSpec("+" + Constants.R_TAGS + "*:" + SEARCH_REFS + "tags/*")), false);
            commit = cache.commitOf(id);
            cache.deleteRefs(SEARCH_REFS);
        }
        if (commit.isEmpty()) {
            throw new SourceException("commit " + pin.id().substring(0, 12) + " is not a commit of "
                    + spec.redactedUrl() + " (looked for in all its branches and tags)", false, null);
        }
        cache.setRef(PINNED_COMMIT_REF, commit.get());
        return true;
    }

    private FetchResult fetch(BareCache cache, List<RefSpec> refSpecs, boolean shallow)
            throws SourceException, CacheDamagedException, RemoteError, IOException {
        events.transferring();
        try (Transport transport = access.open(cache.open(), spec.remote())) {
            transport.setTagOpt(TagOpt.NO_TAGS);
            transport.setRemoveDeletedRefs(false);
            if (shallow) {
                transport.setDepth(SHALLOW_DEPTH);
            }
            return transport.fetch(NullProgressMonitor.INSTANCE, refSpecs);
        } catch (TransportException e) {
            throw transportFailure(cache, e);
        }
    }

    private void checkRefUpdate(TrackingRefUpdate update, String refName) throws SourceException, CacheDamagedException {
        if (update == null) {
            return; // the ref already had the fetched value
        }
        RefUpdate.Result result = update.getResult();
        switch (result) {
            case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> { }
            case LOCK_FAILURE, IO_FAILURE, REJECTED_MISSING_OBJECT -> throw new CacheDamagedException(
                    "updating " + refName + " in the cache failed with " + result, null);
            default -> throw new SourceException("cannot update " + refName + " in the cache of " + spec
                    + ": " + result, false, null);
        }
    }

    /**
     * Most transport failures are the network's, but a fetch also fails when the cache lacks
     * objects it claims to have; only a walk of the local history can tell the two apart.
     */
    private SourceException transportFailure(BareCache cache, TransportException e) throws CacheDamagedException {
        if (hasCause(e, LockFailedException.class)) {
            throw new CacheDamagedException("the cache is locked: " + e.getMessage(), e);
        }
        if (hasCause(e, MissingObjectException.class) || hasCause(e, CorruptObjectException.class)) {
            try {
                cache.verifyHistory(localRef(spec.ref()));
            } catch (IOException io) {
                return new SourceException("cannot use the git cache " + cache.directory() + " of " + spec + ": "
                        + io.getMessage(), true, io);
            }
        }
        return access.translate(e, spec.remote()).against(spec);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
