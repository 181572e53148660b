package dev.driftless.providers.source;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How Driftless reaches remotes: the timeout every transport gets, where secrets are read from,
 * and the ssh client set up for strict host-key checking. Also the one place where JGit's
 * transport exceptions are translated ({@link #translate}), so that every caller reports an
 * authentication failure, a refused host key or an unreachable host the same way.
 *
 * <p>Secrets are read at every connection and handed straight to JGit: a rotated token file is
 * used at the next poll, and no secret is kept, logged or put into a message. The environment is
 * a function, so that tests, and a daemon configured otherwise, can supply their own.
 *
 * <p>Thread-safe; share one instance. {@link #close()} releases the ssh clients.
 */
public final class RemoteAccess implements AutoCloseable {

    /** How long a transport waits to connect, and then for each read, before it gives up. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(RemoteAccess.class);
    /** JGit starts its transport messages with the URI, which ours already names. */
    private static final Pattern JGIT_URI_PREFIX = Pattern.compile("^\\S*(?:://|/|@)\\S*: ");

    private final int timeoutSeconds;
    private final Function<String, String> environment;
    private final Map<Credentials, SshdSessionFactory> sshFactories = new ConcurrentHashMap<>();
    /** Open ssh sessions, so that a handshake can be abandoned at the timeout; see {@link BoundedSshSessions}. */
    private final ExecutorService sshOpeners = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "driftless-ssh-session");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * Why an ssh connection to a host was refused, by {@link KnownHostsDatabase#hostPattern}, until
     * {@link #translate} reports it.
     */
    private final Map<String, String> hostKeyRefusals = new ConcurrentHashMap<>();
    private final Set<String> warnedInClearText = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param timeout how long each transport waits to connect and for each read; at least one second
     * @param environment reads an environment variable by name, giving {@code null} when it is unset
     */
    public RemoteAccess(Duration timeout, Function<String, String> environment) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the transport timeout must be positive, got " + timeout);
        }
        this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The default timeout and the process's own environment. */
    public static RemoteAccess standard() {
        return new RemoteAccess(DEFAULT_TIMEOUT, System::getenv);
    }

    /** The timeout each transport gets. */
    public Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** Closes the ssh clients; the instance must not be used afterwards. */
    @Override
    public void close() {
        closed = true;
        sshFactories.values().forEach(SshdSessionFactory::close);
        sshFactories.clear();
        sshOpeners.shutdownNow();
    }

    /**
     * A transport to the key's remote with its credentials and the timeout set; the caller closes
     * it.
     *
     * @param local the repository to fetch into, or {@code null} to only list refs
     */
    Transport open(Repository local, RemoteKey key) throws RemoteError {
        if (closed) {
            throw new IllegalStateException("the remote access is closed");
        }
        URIish uri;
        try {
            uri = new URIish(key.url());
        } catch (URISyntaxException e) {
            throw new RemoteError(RemoteError.Kind.UNSUPPORTED, String.valueOf(e.getMessage()), e);
        }
        Transport transport;
        try {
            transport = local == null ? Transport.open(uri) : Transport.open(local, uri);
        } catch (NotSupportedException | TransportException e) {
            throw translate(e, key);
        }
        try {
            transport.setTimeout(timeoutSeconds);
            transport.setCredentialsProvider(null);
            if (key.credentials() instanceof Credentials.Token token) {
                warnIfInClearText(uri);
                transport.setCredentialsProvider(new UsernamePasswordCredentialsProvider(token.username(),
                        readSecret(token.token()).toCharArray()));
            }
            if (transport instanceof SshTransport ssh) {
                ssh.setSshSessionFactory(new BoundedSshSessions(sshFactory(key.credentials()), sshOpeners));
            }
            return transport;
        } catch (RemoteError | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /**
     * Translates a low-level failure of talking to the key's remote, once, into a kind and a
     * reason without the URL (the source names itself) and without any credential.
     */
    RemoteError translate(Exception error, RemoteKey key) {
        if (error instanceof RemoteError remote) {
            return remote;
        }
        String reason = reason(error);
        if (error instanceof NoRemoteRepositoryException) {
            return new RemoteError(RemoteError.Kind.NO_REPOSITORY, reason, error);
        }
        if (error instanceof NotSupportedException || error instanceof URISyntaxException) {
            return new RemoteError(RemoteError.Kind.UNSUPPORTED, reason, error);
        }
        String refusal = hostKeyRefusal(key);
        if (refusal != null) {
            return new RemoteError(RemoteError.Kind.HOST_KEY, refusal, error);
        }
        if (isAuthenticationFailure(error)) {
            return new RemoteError(RemoteError.Kind.AUTHENTICATION, authenticationAdvice(key), error);
        }
        return new RemoteError(RemoteError.Kind.NETWORK, reason, error);
    }

    private String hostKeyRefusal(RemoteKey key) {
        try {
            URIish uri = new URIish(key.url());
            return uri.getHost() == null ? null
                    : hostKeyRefusals.remove(KnownHostsDatabase.hostPattern(uri.getHost(), uri.getPort()));
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * JGit says "not authorized" after a 401 with credentials, "Authentication is required…"
     * after a 401 without, and "… not permitted" after a 403; Apache MINA reports an ssh key the
     * server did not take as "No more authentication methods available".
     */
    private static boolean isAuthenticationFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("not authorized") || message.contains("authentication is required")
                    || message.contains("authentication not supported") || message.contains("not permitted")
                    || message.contains("no more authentication methods")
                    || message.contains("authentication failed")) {
                return true;
            }
        }
        return false;
    }

    private static String authenticationAdvice(RemoteKey key) {
        if (key.credentials() instanceof Credentials.Token token) {
            return "the server refused the token from " + token.token() + " (user '" + token.username()
                    + "'); check that it is valid, unexpired and allowed to read the repository";
        }
        if (key.credentials() instanceof Credentials.SshKey ssh) {
            return "the server refused the ssh key " + ssh.privateKey() + "; check that its public key is"
                    + " authorised to read the repository";
        }
        return "the server asks for credentials and the source has none; give it a token from a file or an"
                + " environment variable (https) or a key file (ssh)";
    }

    private String readSecret(Secret secret) throws RemoteError {
        try {
            return secret.read("token", environment);
        } catch (IOException e) {
            throw new RemoteError(RemoteError.Kind.CONFIGURATION, e.getMessage(), e);
        }
    }

    private void warnIfInClearText(URIish uri) {
        if (!"http".equalsIgnoreCase(uri.getScheme()) || isLoopback(uri.getHost())
                || !warnedInClearText.add(uri.getHost())) {
            return;
        }
        LOG.warn("A token is sent to {} over plain http, readable by anyone on the way; use https", uri.getHost());
    }

    private static boolean isLoopback(String host) {
        if (host == null || host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
            return false; // a name: do not resolve it just to decide on a warning
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private SshdSessionFactory sshFactory(Credentials credentials) {
        return sshFactories.computeIfAbsent(credentials, this::newSshFactory);
    }

    private SshdSessionFactory newSshFactory(Credentials credentials) {
        File home = new File(System.getProperty("user.home"));
        File sshDirectory = new File(home, ".ssh");
        Path knownHosts;
        boolean acceptNew;
        SshdSessionFactoryBuilder builder = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home)
                .setSshDirectory(sshDirectory)
                // No ~/.ssh/config: what a source does must not depend on whoever runs the daemon.
                .setConfigStoreFactory((homeDirectory, configFile, localUser) -> null)
                .setPreferredAuthentications("publickey");
        if (credentials instanceof Credentials.SshKey key) {
            builder.setDefaultIdentities(directory -> List.of(key.privateKey()));
            knownHosts = key.knownHosts();
            acceptNew = key.acceptNewHostKeys();
        } else {
            knownHosts = sshDirectory.toPath().resolve("known_hosts");
            acceptNew = false;
        }
        builder.setDefaultKnownHostsFiles(directory -> List.of(knownHosts))
                .setServerKeyDatabase((homeDirectory, directory) ->
                        new KnownHostsDatabase(knownHosts, acceptNew, hostKeyRefusals::put));
        return builder.build(null);
    }

    /** The low-level message without JGit's URI prefix. */
    private static String reason(Exception error) {
        String message = String.valueOf(error.getMessage());
        return JGIT_URI_PREFIX.matcher(message).replaceFirst("");
    }
}
