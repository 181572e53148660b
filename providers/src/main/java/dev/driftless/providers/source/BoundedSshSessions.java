package dev.driftless.providers.source;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RemoteSession;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.util.FS;

/**
 * Opens ssh sessions within the transport's timeout, all of it.
 *
 * <p>JGit bounds the TCP connection and every read of git's own protocol by the timeout, but waits
 * for the ssh handshake and authentication with Apache MINA's default of two minutes, and offers
 * no setting for it. A server that accepts the connection and then says nothing (hung, or a
 * firewall that half-opens) would stall a poll that long. Here the session is opened on a worker
 * thread and abandoned, interrupted and closed, when the timeout passes.
 */
final class BoundedSshSessions extends SshSessionFactory {

    private final SshdSessionFactory sessions;
    private final ExecutorService workers;

    BoundedSshSessions(SshdSessionFactory sessions, ExecutorService workers) {
        this.sessions = sessions;
        this.workers = workers;
    }

    @Override
    public String getType() {
        return sessions.getType();
    }

    @Override
    public RemoteSession getSession(URIish uri, CredentialsProvider credentials, FS fs, int timeoutMillis)
            throws TransportException {
        Future<RemoteSession> opening = workers.submit(() -> sessions.getSession(uri, credentials, fs, timeoutMillis));
        try {
            return timeoutMillis > 0 ? opening.get(timeoutMillis, TimeUnit.MILLISECONDS) : opening.get();
        } catch (TimeoutException e) {
            abandon(opening);
            throw new TransportException(uri, "the ssh server accepted the connection but did not complete the"
                    + " handshake and authentication within " + Math.max(1, timeoutMillis / 1000) + " s", e);
        } catch (InterruptedException e) {
            abandon(opening);
            Thread.currentThread().interrupt();
            throw new TransportException(uri, "interrupted while opening the ssh session", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransportException transport) {
                throw transport;
            }
            throw new TransportException(uri, String.valueOf(e.getCause().getMessage()), e.getCause());
        }
    }

    /** Stops the opening; a session that was opened all the same in the meantime is closed. */
    private static void abandon(Future<RemoteSession> opening) {
        opening.cancel(true);
        if (opening.isDone() && !opening.isCancelled()) {
            try {
                opening.get().disconnect();
            } catch (ExecutionException | InterruptedException | RuntimeException ignored) {
                // nothing was opened, or it is gone already
            }
        }
    }
}
