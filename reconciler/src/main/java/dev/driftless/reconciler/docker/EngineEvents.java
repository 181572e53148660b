package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine's event stream, shared by everything that follows it: the kept observation (which
 * counts every change) and the daemon's drift check (which looks for a container of ours changed by
 * hand). One streaming connection per engine, opened by the first subscriber and closed after the
 * last one leaves.
 *
 * <p>When the stream ends (the engine restarted, the connection broke) every subscriber is told and
 * dropped, and subscribes again when it next needs the stream: each knows its own pace for that.
 */
final class EngineEvents implements Closeable {

    /**
     * Told of the stream's start, of each event and of its end, on the stream's thread (or, for
     * a stream already up, on the subscriber's). {@link #started} and {@link #event} must return
     * quickly and take no lock of their own: they hold up every other subscriber.
     */
    interface Listener {

        /** The stream is up: from now on no event is missed. Called at once for a stream already up. */
        void started();

        void event(Event event);

        /** The stream ended; this listener was dropped and must subscribe again to hear more. */
        void ended();
    }

    private static final Logger LOG = LoggerFactory.getLogger(EngineEvents.class);

    private final DockerEngine engine;
    private final List<Listener> listeners = new ArrayList<>();
    /** The stream now open, or null; a callback of an older one finds itself replaced and is ignored. */
    private Stream stream;
    private boolean closed;

    EngineEvents(DockerEngine engine) {
        this.engine = engine;
    }

    /**
     * Subscribes {@code listener}, opening the stream if none is open.
     *
     * @return closing it unsubscribes
     * @throws RuntimeException when the stream cannot be requested (the engine is not reachable)
     */
    synchronized Closeable subscribe(Listener listener) {
        if (closed) {
            throw new IllegalStateException("the events of " + engine.target() + " are no longer followed: "
                    + "its client was closed");
        }
        listeners.add(listener);
        if (stream == null) {
            try {
                stream = engine.client().eventsCmd()
                        .withEventTypeFilter(EventType.CONTAINER, EventType.NETWORK, EventType.VOLUME, EventType.IMAGE)
                        .exec(new Stream());
            } catch (RuntimeException e) {
                listeners.remove(listener);
                stream = null;
                throw e;
            }
        } else if (stream.started) {
            listener.started();
        }
        return () -> unsubscribe(listener);
    }

    private synchronized void unsubscribe(Listener listener) {
        listeners.remove(listener);
        if (listeners.isEmpty() && stream != null) {
            Stream last = stream;
            stream = null;
            last.closeQuietly();
        }
    }

    /** The listeners of {@code from} while it is the open stream; none for a replaced one. */
    private synchronized List<Listener> listenersOf(Stream from) {
        return from == stream ? List.copyOf(listeners) : List.of();
    }

    private synchronized void started(Stream from) {
        if (from == stream) {
            from.started = true;
            List.copyOf(listeners).forEach(Listener::started);
        }
    }

    private void ended(Stream from, String why) {
        List<Listener> dropped;
        synchronized (this) {
            if (from != stream) {
                return;
            }
            stream = null;
            dropped = List.copyOf(listeners);
            listeners.clear();
        }
        LOG.debug("the event stream of {} ended: {}", engine.target(), why);
        dropped.forEach(Listener::ended);
    }

    @Override
    public void close() {
        List<Listener> dropped;
        Stream last;
        synchronized (this) {
            closed = true;
            last = stream;
            stream = null;
            dropped = List.copyOf(listeners);
            listeners.clear();
        }
        if (last != null) {
            last.closeQuietly();
        }
        dropped.forEach(Listener::ended);
    }

    /** One connection's callback; it speaks for the stream only while it is the open one. */
    private final class Stream extends ResultCallback.Adapter<Event> {

        private volatile boolean started;

        @Override
        public void onStart(Closeable stream) {
            super.onStart(stream);
            started(this);
        }

        @Override
        public void onNext(Event event) {
            listenersOf(this).forEach(listener -> listener.event(event));
        }

        @Override
        public void onError(Throwable error) {
            ended(this, String.valueOf(error.getMessage()));
        }

        @Override
        public void onComplete() {
            super.onComplete();
            ended(this, "the engine closed it");
        }

        void closeQuietly() {
            try {
                close();
            } catch (IOException e) {
                LOG.debug("closing the event stream of {}: {}", engine.target(), e.getMessage());
            }
        }
    }
}
