package dev.driftless.providers.source;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;

/**
 * The conversation with the remote about one branch: read its advertised head, and fetch only
 * when that differs from the cache. The one place where transport errors become
 * {@link SourceException}s; authentication will be added here.
 */
final class RemoteBranch {

    /** JGit starts its transport messages with the URI, which ours already names, redacted. */
    private static final Pattern JGIT_URI_PREFIX = Pattern.compile("^\\S*(?:://|/|@)\\S*: ");

    private final SourceSpec spec;
    private final int timeoutSeconds;
    private final SourceEvents events;
    private final RefSpec refSpec;

    RemoteBranch(SourceSpec spec, int timeoutSeconds, SourceEvents events) {
        this.spec = spec;
        this.timeoutSeconds = timeoutSeconds;
        this.events = events;
        // Forced: a force-push must move our ref too, not be refused as a non-fast-forward.
        this.refSpec = new RefSpec("+" + spec.branchRef() + ":" + spec.branchRef());
    }

    /**
     * Makes the cache's branch ref match the remote's.
     *
     * @param cached the cache's current head of the branch, already verified
     * @return whether objects were fetched; {@code false} when the remote was unchanged
     * @throws SourceException when the remote cannot be read or has no such branch; the cache's
     *     ref is then left as it was
     * @throws CacheDamagedException when the failure lies in the cache, not the remote
     */
    boolean update(BareCache cache, Optional<Revision> cached) throws SourceException, CacheDamagedException {
        try (Transport transport = Transport.open(cache.open(), new URIish(spec.url()))) {
            transport.setTimeout(timeoutSeconds);
            transport.setTagOpt(TagOpt.NO_TAGS);
            transport.setRemoveDeletedRefs(false);
            ObjectId advertised = advertisedHead(transport);
            if (advertised == null) {
                // Deliberately no fetch: a deleted branch must not delete the cached one.
                throw new SourceException("branch '" + spec.branch() + "' not found at " + spec.redactedUrl(),
                        false, null);
            }
            if (cached.isPresent() && cached.get().commitId().equals(advertised.name())) {
                return false;
            }
            events.transferring();
            FetchResult result = transport.fetch(NullProgressMonitor.INSTANCE, List.of(refSpec));
            checkRefUpdate(result.getTrackingRefUpdate(spec.branchRef()));
            return true;
        } catch (NoRemoteRepositoryException e) {
            throw new SourceException("no git repository at " + spec.redactedUrl() + " (branch '" + spec.branch()
                    + "'): " + reason(e), false, e);
        } catch (NotSupportedException | URISyntaxException e) {
            throw new SourceException("cannot fetch " + spec + ": the URL is not supported: " + reason(e), false, e);
        } catch (TransportException e) {
            throw transportFailure(cache, e);
        } catch (IOException e) {
            throw new SourceException("cannot use the git cache " + cache.directory() + " of " + spec + ": "
                    + e.getMessage(), true, e);
        }
    }

    /** An ls-remote over the fetch connection (protocol v2 asks the server for this ref only). */
    private ObjectId advertisedHead(Transport transport) throws TransportException, NotSupportedException {
        try (FetchConnection connection = transport.openFetch(List.of(refSpec))) {
            Ref ref = connection.getRef(spec.branchRef());
            return ref == null ? null : ref.getObjectId();
        }
    }

    private void checkRefUpdate(TrackingRefUpdate update) throws SourceException, CacheDamagedException {
        if (update == null) {
            return; // the ref already had the fetched value
        }
        RefUpdate.Result result = update.getResult();
        switch (result) {
            case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> { }
            case LOCK_FAILURE, IO_FAILURE, REJECTED_MISSING_OBJECT -> throw new CacheDamagedException(
                    "updating " + spec.branchRef() + " in the cache failed with " + result, null);
            default -> throw new SourceException("cannot update " + spec.branchRef() + " in the cache of " + spec
                    + ": " + result, false, null);
        }
    }

    /**
     * Most transport failures are the network's, but a fetch also fails when the cache lacks
     * objects it claims to have; only a walk of the local history can tell the two apart.
     */
    private SourceException transportFailure(BareCache cache, TransportException e) throws CacheDamagedException {
        if (hasCause(e, LockFailedException.class)) {
            throw new CacheDamagedException("the cache is locked: " + reason(e), e);
        }
        if (hasCause(e, MissingObjectException.class) || hasCause(e, CorruptObjectException.class)) {
            try {
                cache.verifyHistory(spec.branchRef());
            } catch (IOException io) {
                return new SourceException("cannot use the git cache " + cache.directory() + " of " + spec + ": "
                        + io.getMessage(), true, io);
            }
        }
        return new SourceException("cannot fetch " + spec + ": " + reason(e), true, e);
    }

    /** The low-level message without JGit's URI prefix and without any credential. */
    private String reason(Exception e) {
        String message = spec.redactSecrets(String.valueOf(e.getMessage()));
        return JGIT_URI_PREFIX.matcher(message).replaceFirst("");
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
