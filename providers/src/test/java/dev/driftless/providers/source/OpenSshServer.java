package dev.driftless.providers.source;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's OpenSSH server on a free loopback port, started by a test as its own child process
 * with everything generated in a temporary folder: a host key, a client key allowed to log in,
 * and a configuration that lets nothing else in (public keys only, one user, loopback only).
 *
 * <p>Git over ssh then works as against a real host: the client runs {@code git-upload-pack
 * '<path>'} through the server, so repositories are reached by their absolute path.
 */
final class OpenSshServer implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Duration STARTUP = Duration.ofSeconds(15);

    private final Process process;
    private final int port;
    private final Path directory;
    private final String user;
    private final Thread shutdownHook;

    private OpenSshServer(Process process, int port, Path directory, String user) {
        this.process = process;
        this.port = port;
        this.directory = directory;
        this.user = user;
        // Should the JVM end without @AfterAll (a killed build), the server must not outlive it.
        this.shutdownHook = new Thread(process::destroyForcibly, "stop test sshd");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Generates the keys and the configuration in {@code directory} and starts the server.
     *
     * @throws IOException with the reason when it cannot be started (no sshd, no ssh-keygen, a
     *     server that exits or does not listen in time), its log included
     */
    static OpenSshServer start(Path directory) throws IOException, InterruptedException {
        if (!Files.isExecutable(SSHD)) {
            throw new IOException(SSHD + " is not installed (Debian package openssh-server)");
        }
        String user = System.getProperty("user.name");
        Files.createDirectories(directory);
        keygen(directory.resolve("host_key"));
        keygen(directory.resolve("client_key"));
        keygen(directory.resolve("stranger_key"));
        keygen(directory.resolve("other_host_key"));
        Files.copy(directory.resolve("client_key.pub"), directory.resolve("authorized_keys"));
        if (user.equals("root")) {
            // As root, sshd insists on its privilege-separation folder, which Debian's service
            // script creates at boot; a machine that never started the service lacks it.
            Files.createDirectories(Path.of("/run/sshd"));
        }
        int port = freePort();
        Path config = directory.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + directory.resolve("host_key"),
                "PidFile " + directory.resolve("sshd.pid"),
                "AuthorizedKeysFile " + directory.resolve("authorized_keys"),
                "AllowUsers " + user,
                "AuthenticationMethods publickey",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "UsePAM no",
                // The temporary folder lies under world-writable /tmp, which strict modes refuse.
                "StrictModes no",
                "X11Forwarding no",
                "AllowTcpForwarding no",
                "PrintMotd no",
                // As GitHub and GitLab do, so that git speaks protocol v2 over ssh too.
                "AcceptEnv GIT_PROTOCOL",
                "LogLevel VERBOSE",
                ""), StandardCharsets.UTF_8);
        Path log = directory.resolve("sshd.log");
        Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        OpenSshServer server = new OpenSshServer(process, port, directory, user);
        try {
            server.awaitListening(log);
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** {@code ssh://user@127.0.0.1:port/absolute/path}. */
    String url(Path repository) {
        return "ssh://" + user + "@127.0.0.1:" + port + repository.toAbsolutePath();
    }

    int port() {
        return port;
    }

    /** The key the server accepts. */
    Path clientKey() {
        return directory.resolve("client_key");
    }

    /** A key the server does not accept. */
    Path strangerKey() {
        return directory.resolve("stranger_key");
    }

    /** A known_hosts line for this server's real host key. */
    String knownHostsLine() throws IOException {
        return knownHostsLine(directory.resolve("host_key.pub"));
    }

    /** A known_hosts line that gives this server's address a key it does not have. */
    String wrongKnownHostsLine() throws IOException {
        return knownHostsLine(directory.resolve("other_host_key.pub"));
    }

    /** What the server logged, for a failure's message. */
    String log() {
        try {
            return Files.readString(directory.resolve("sshd.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the server, forcibly if it does not stop within five seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already; the hook runs anyway
        }
    }

    private String knownHostsLine(Path publicKey) throws IOException {
        String[] parts = Files.readString(publicKey, StandardCharsets.UTF_8).strip().split("\\s+");
        return "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n";
    }

    private void awaitListening(Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited with status " + process.exitValue() + ": " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("sshd did not listen on 127.0.0.1:" + port + " within " + STARTUP.toSeconds()
                + " s: " + log());
    }

    private static void keygen(Path file) throws IOException, InterruptedException {
        Process keygen;
        try {
            keygen = new ProcessBuilder(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "driftless-test",
                    "-f", file.toString())).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("ssh-keygen cannot be run (Debian package openssh-client): " + e.getMessage(), e);
        }
        String output = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keygen.waitFor() != 0) {
            throw new IOException("ssh-keygen failed for " + file + ": " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
