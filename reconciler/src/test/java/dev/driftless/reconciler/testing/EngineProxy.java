package dev.driftless.reconciler.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A unix-socket proxy between Driftless and the shared Docker engine that a test can cut and
 * restore: cut, it drops every open connection and every new one, as a stopped engine does; the
 * real engine, which other tests use at the same time, is never stopped.
 */
public final class EngineProxy implements AutoCloseable {

    private final Path socket;
    private final Path engine;
    private final ServerSocketChannel server;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    private EngineProxy(Path socket, Path engine, ServerSocketChannel server) {
        this.socket = socket;
        this.engine = engine;
        this.server = server;
    }

    /** Listens on {@code socket} and forwards to the engine's unix socket {@code engine}. */
    public static EngineProxy start(Path socket, Path engine) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        EngineProxy proxy = new EngineProxy(socket, engine, server);
        Thread acceptor = new Thread(proxy::accept, "engine-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    /** The address to give Driftless: {@code unix:///…}. */
    public java.net.URI uri() {
        return java.net.URI.create("unix://" + socket);
    }

    /** From now on the engine is unreachable through the proxy; open connections are dropped. */
    public void cut() {
        cut = true;
        open.forEach(EngineProxy::closeQuietly);
        open.clear();
    }

    public void restore() {
        cut = false;
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(engine));
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to) {
        Thread thread = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            try {
                while (from.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        to.write(buffer);
                    }
                    buffer.clear();
                }
            } catch (IOException closed) {
                // one side went away: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "engine-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    @Override
    public void close() throws IOException {
        cut();
        server.close();
        Files.deleteIfExists(socket);
    }
}
