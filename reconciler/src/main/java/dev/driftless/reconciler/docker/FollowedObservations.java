package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.model.Event;
import dev.driftless.reconciler.state.ObservedTarget;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine's last observation, kept while its event stream proves that nothing it lists has
 * changed: the list-and-watch of a Kubernetes informer. With hundreds of containers the engine's
 * own list is most of a no-op reconcile (and engine CPU on every poll); while the stream is up and
 * quiet, a reconcile reuses the observation instead.
 *
 * <p>Every event of a container, network, volume or image (ours or not: a name taken by hand
 * matters too) counts as a change, as do the stream's start and end; an observation is reused only
 * when no change was counted since just before it was listed, the stream is up, and it is younger
 * than {@code resync}, the safety net for anything an event cannot tell. Driftless's own changes
 * drop it directly ({@link #invalidate}), before and after each plan is carried out, since the
 * reconcile that follows an apply may come before the apply's events do. A change made by hand
 * is seen once its event arrives, as a change made just after an observe is.
 */
final class FollowedObservations implements Closeable {

    /** How long a quiet stream may vouch for an observation; then it is listed again all the same. */
    static final Duration DEFAULT_RESYNC = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(FollowedObservations.class);

    private record Kept(ObservedTarget observed, long changes, long listedAtNanos) {
    }

    private final DockerEngine engine;
    private final Duration resync;
    private final LongSupplier nanoTime;
    private final AtomicLong changes = new AtomicLong();
    private volatile boolean following;
    private volatile Closeable subscription;
    private volatile boolean closed;
    private volatile Kept kept;

    FollowedObservations(DockerEngine engine, Duration resync, LongSupplier nanoTime) {
        this.engine = engine;
        this.resync = resync;
        this.nanoTime = nanoTime;
    }

    /** The kept observation when the stream vouches for it, else a fresh one from {@code list}. */
    ObservedTarget observe(Function<DockerEngine, ObservedTarget> list) {
        follow();
        Kept last = kept;
        if (last != null && following && changes.get() == last.changes()
                && nanoTime.getAsLong() - last.listedAtNanos() < resync.toNanos()) {
            return last.observed();
        }
        // Counted before listing: an event that lands while the list runs makes the next observe list again.
        long before = changes.get();
        long listedAt = nanoTime.getAsLong();
        ObservedTarget fresh = list.apply(engine);
        kept = new Kept(fresh, before, listedAt);
        return fresh;
    }

    /**
     * Drops the kept observation: Driftless is about to change (or has changed) the engine, and
     * the next observe must see that even before the change's events arrive.
     */
    void invalidate() {
        changes.incrementAndGet();
    }

    /** Whether the stream is up, so that a quiet engine's observation may be reused. */
    boolean following() {
        return following;
    }

    private synchronized void follow() {
        if (subscription != null || closed) {
            return;
        }
        try {
            subscription = engine.events().subscribe(new EngineEvents.Listener() {
                @Override
                public void started() {
                    following = true;
                    changes.incrementAndGet();
                }

                @Override
                public void event(Event event) {
                    changes.incrementAndGet();
                }

                @Override
                public void ended() {
                    FollowedObservations.this.ended();
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("cannot follow the events of {}: {}", engine.target(), e.getMessage());
        }
    }

    /** The stream is gone: nothing vouches for the kept observation; the next observe follows again. */
    private synchronized void ended() {
        following = false;
        changes.incrementAndGet();
        subscription = null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        following = false;
        changes.incrementAndGet();
        if (subscription != null) {
            try {
                subscription.close();
            } catch (IOException e) {
                LOG.debug("leaving the event stream of {}: {}", engine.target(), e.getMessage());
            }
            subscription = null;
        }
    }
}
