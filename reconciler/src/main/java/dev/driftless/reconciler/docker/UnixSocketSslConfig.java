package dev.driftless.reconciler.docker;

import com.github.dockerjava.transport.SSLConfig;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import java.security.KeyManagementException;
import java.security.SecureRandom;

/**
 * The "TLS" of a {@code unix://} engine, which speaks none: a context that refuses to be used.
 * Given no context at all, docker-java's HTTP client builds the JVM's default one for an
 * {@code https} it never uses on a socket file, and that loads and parses every certificate of
 * the JDK's trust store: a fifth of a second and some memory at every daemon start, for nothing.
 * This one loads nothing, and any attempt to speak TLS through it fails loudly.
 */
final class UnixSocketSslConfig implements SSLConfig {

    static final UnixSocketSslConfig INSTANCE = new UnixSocketSslConfig();

    private static final SSLContext REFUSING = new SSLContext(new RefusingSpi(), null, "none") {
    };

    private UnixSocketSslConfig() {
    }

    @Override
    public SSLContext getSSLContext() {
        return REFUSING;
    }

    /** Every TLS operation is a bug here: a socket file is never reached over TLS. */
    private static final class RefusingSpi extends SSLContextSpi {

        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("a unix:// Docker engine is not reached over TLS");
        }

        @Override
        protected void engineInit(javax.net.ssl.KeyManager[] km, javax.net.ssl.TrustManager[] tm, SecureRandom random)
                throws KeyManagementException {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }
    }
}
