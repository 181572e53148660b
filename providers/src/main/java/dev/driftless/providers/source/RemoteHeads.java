package dev.driftless.providers.source;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.Transport;

/**
 * The remote check, shared: one {@code ls-remote} per repository and identity ({@link RemoteKey})
 * per poll round, however many sources follow branches, tags or folders of that repository.
 *
 * <p>Argo CD's users complain of thousands of requests an hour against their git host because
 * each app polls on its own. Here the scheduler opens a {@link Round} for the sources it polls
 * together and passes it to each {@link GitSource#fetch(Round)}: the first source of a
 * repository lists its branches and tags, the others read the same answer, and only a source
 * whose ref moved fetches anything. A failed listing is shared too, so an unreachable host is
 * asked once per round rather than once per source.
 *
 * <p>A round holds its answers until it is dropped; open a new one for each poll round, so that
 * every round sees the remote as it is now. Thread-safe: sources of one round may be fetched in
 * parallel, and a second source asking while the first lists waits for that answer.
 */
public final class RemoteHeads implements AutoCloseable {

    /** What a listing asks for: protocol v2 servers then leave out pull-request refs and the like. */
    private static final List<RefSpec> LISTED = List.of(
            new RefSpec(Constants.R_HEADS + "*:" + Constants.R_HEADS + "*"),
            new RefSpec(Constants.R_TAGS + "*:" + Constants.R_TAGS + "*"));

    private final RemoteAccess access;
    private final Consumer<RemoteKey> remoteCalls;

    /** Checks remotes through {@code access}; closing this closes it. */
    public RemoteHeads(RemoteAccess access) {
        this(access, key -> { });
    }

    /** For tests: {@code remoteCalls} hears of every listing, before it reaches the remote. */
    RemoteHeads(RemoteAccess access, Consumer<RemoteKey> remoteCalls) {
        this.access = Objects.requireNonNull(access, "access");
        this.remoteCalls = Objects.requireNonNull(remoteCalls, "remoteCalls");
    }

    /** The transports' settings these checks, and the fetches of sources using them, go through. */
    public RemoteAccess access() {
        return access;
    }

    /** A new poll round: each remote is listed at most once within it. */
    public Round newRound() {
        return new Round();
    }

    /** Closes the {@link RemoteAccess}. */
    @Override
    public void close() {
        access.close();
    }

    private Advertisement list(RemoteKey key) throws RemoteError {
        remoteCalls.accept(key);
        try (Transport transport = access.open(null, key);
                FetchConnection connection = transport.openFetch(LISTED)) {
            Map<String, Advertised> refs = new TreeMap<>();
            for (Ref ref : connection.getRefs()) {
                String name = ref.getName();
                if (ref.getObjectId() != null && (name.startsWith(Constants.R_HEADS) || name.startsWith(Constants.R_TAGS))) {
                    refs.put(name, new Advertised(ref.getObjectId(), ref.getPeeledObjectId()));
                }
            }
            return new Advertisement(Collections.unmodifiableMap(refs));
        } catch (TransportException | NotSupportedException e) {
            throw access.translate(e, key);
        }
    }

    /**
     * One poll round: remembers each remote's listing, or its failure, for the sources that ask
     * after the first. Obtained from {@link RemoteHeads#newRound()}.
     */
    public final class Round {

        private final ConcurrentMap<RemoteKey, CompletableFuture<Advertisement>> listings = new ConcurrentHashMap<>();

        private Round() {
        }

        /** The {@link RemoteHeads} this round belongs to. */
        RemoteHeads heads() {
            return RemoteHeads.this;
        }

        /** The remote's branches and tags, listed now if no source asked for them yet this round. */
        Advertisement advertisement(RemoteKey key) throws RemoteError {
            CompletableFuture<Advertisement> mine = new CompletableFuture<>();
            CompletableFuture<Advertisement> listing = listings.putIfAbsent(key, mine);
            if (listing == null) {
                listing = mine;
                try {
                    mine.complete(list(key));
                } catch (RemoteError | RuntimeException e) {
                    mine.completeExceptionally(e);
                }
            }
            try {
                return listing.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RemoteError error) {
                    // A copy for each source, so no two callers share (and add to) one exception.
                    throw new RemoteError(error.kind(), error.getMessage(), error.getCause());
                }
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }
    }

    /** One advertised ref: its object, and for an annotated tag the commit it names, when told. */
    record Advertised(ObjectId id, ObjectId peeled) {

        /** The commit, as far as the advertisement tells: the peeled id if known, else the id. */
        ObjectId target() {
            return peeled != null ? peeled : id;
        }
    }

    /**
     * A remote's branches and tags at one moment, by full ref name.
     *
     * @param refs every advertised {@code refs/heads/*} and {@code refs/tags/*}
     */
    record Advertisement(Map<String, Advertised> refs) {

        Advertised ref(String name) {
            return refs.get(name);
        }

        /** The tag names, without {@code refs/tags/}. */
        List<String> tagNames() {
            return refs.keySet().stream()
                    .filter(name -> name.startsWith(Constants.R_TAGS))
                    .map(name -> name.substring(Constants.R_TAGS.length()))
                    .toList();
        }
    }
}
