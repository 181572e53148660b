package dev.driftless.reconciler.testing;

import dev.driftless.manifests.config.TargetConfig;
import dev.driftless.reconciler.docker.DockerEngine;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A second, real Docker engine for multi-target tests: its own {@code dockerd} process with its own
 * socket, data root, exec root, pid file and bridge, sharing the machine's containerd under a
 * namespace of its own. It can be stopped and started again (its containers and images survive, as
 * on a rebooted host) and is removed, with its data, by {@link #close()}.
 *
 * <p>It never uses {@code --bridge=none}: dockerd then deletes the host's {@code docker0}, the main
 * engine's default bridge. It gets a bridge of its own instead, without iptables rules, so nothing
 * of the main engine's networking is touched; {@link #close()} checks {@code docker0} is still there.
 *
 * <p>It also listens on a loopback TCP port with TLS ({@code --tlsverify}), its certificates made
 * by {@code openssl} for the run: a CA, the engine's certificate for {@code 127.0.0.1}, and a client
 * certificate ({@link #clientTls()}), as a remote engine is set up.
 *
 * <p>Everything is named after {@code -Ddriftless.it.run}, so two worktrees' runs never share one.
 * Needs root and {@code dockerd}; without them the test is skipped (and fails under {@code CI=true}).
 */
public final class SecondEngine implements AutoCloseable {

    private static final String RUN = System.getProperty("driftless.it.run", "").isBlank() ? "default"
            : System.getProperty("driftless.it.run").replaceAll("[^A-Za-z0-9_.-]", "-");
    private static final Path SOCKET_DIR = Path.of("/run/driftless-it-" + RUN);
    private static final Path ROOT = Path.of("/tmp/driftless-it-" + RUN + "-engine2");
    /** At most 15 characters, as Linux allows for an interface name. */
    private static final String BRIDGE = "dlit" + Integer.toHexString(RUN.hashCode() & 0x0fffffff);
    private static final String IMAGE = "busybox:1.36";
    private static final String NAMESPACE = "driftless-it-" + RUN + "-2";

    private Process dockerd;
    private int tlsPort;

    private SecondEngine() {
    }

    /** Starts the engine (clearing a previous run's leftovers first) with {@value #IMAGE} loaded. */
    public static SecondEngine start() {
        Optional<String> missing = missingPrerequisite();
        if (missing.isPresent()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("a second Docker engine cannot run here: " + missing.get());
            }
            Assumptions.abort("a second Docker engine cannot run here: " + missing.get());
        }
        SecondEngine engine = new SecondEngine();
        engine.clearLeftovers();
        engine.makeCertificates();
        engine.tlsPort = freePort();
        run(List.of("ip", "link", "add", BRIDGE, "type", "bridge"));
        run(List.of("ip", "link", "set", BRIDGE, "up"));
        engine.startDockerd();
        run(List.of("sh", "-c", "docker save " + IMAGE + " | docker -H " + engine.host() + " load -q"));
        return engine;
    }

    /** Where the engine listens: a target's {@code host} in {@code driftless.yaml}. */
    public URI host() {
        return URI.create("unix://" + SOCKET_DIR.resolve("docker.sock"));
    }

    /** Where the engine listens over TLS: a {@code tcp://} target's {@code host}. */
    public URI tlsHost() {
        return URI.create("tcp://127.0.0.1:" + tlsPort);
    }

    /** The client's TLS files for {@link #tlsHost()}: a target's {@code tls} in {@code driftless.yaml}. */
    public TargetConfig.TlsFiles clientTls() {
        return new TargetConfig.TlsFiles(tls("ca.pem"), tls("cert.pem"), tls("key.pem"));
    }

    /** A CA that signed nothing of this engine's: a client trusting it must refuse the engine. */
    public String foreignCa() {
        return tls("foreign-ca.pem");
    }

    private static String tls(String file) {
        return ROOT.resolve("tls").resolve(file).toString();
    }

    /** A connection to the engine as target {@code target}, for a test to look at what runs there. */
    public DockerEngine connect(String target) {
        return DockerEngine.connect(target, host(), Optional.empty());
    }

    /** Stops the engine as a host going down would: its containers stop, its socket goes away. */
    public void stop() {
        if (dockerd == null) {
            return;
        }
        dockerd.destroy();
        try {
            if (!dockerd.waitFor(60, TimeUnit.SECONDS)) {
                dockerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the second engine", e);
        }
        dockerd = null;
    }

    /** Starts the engine again on the same data: what it ran before is there, stopped. */
    public void restart() {
        if (dockerd == null) {
            startDockerd();
        }
    }

    @Override
    public void close() {
        stop();
        clearLeftovers();
        // The namespaces this engine made in the shared containerd, empty once it stopped (best effort).
        containerd().ifPresent(socket -> List.of(NAMESPACE, NAMESPACE + "-plugins").forEach(namespace ->
                run(List.of("ctr", "--address", socket.toString(), "namespaces", "rm", namespace), false)));
        if (run(List.of("ip", "link", "show", "docker0"), false) != 0) {
            throw new AssertionError("the main engine's docker0 bridge is gone after the second engine stopped");
        }
    }

    private void startDockerd() {
        try {
            Files.createDirectories(SOCKET_DIR);
            Files.createDirectories(ROOT.resolve("data"));
            Files.createDirectories(ROOT.resolve("exec"));
            List<String> command = new ArrayList<>(List.of("dockerd",
                    "--data-root", ROOT.resolve("data").toString(),
                    "--exec-root", ROOT.resolve("exec").toString(),
                    "--pidfile", ROOT.resolve("docker.pid").toString(),
                    "-H", host().toString(),
                    "--bridge", BRIDGE,
                    "--iptables=false", "--ip6tables=false", "--ip-masq=false",
                    "-H", tlsHost().toString(),
                    "--tlsverify", "--tlscacert", tls("ca.pem"), "--tlscert", tls("server-cert.pem"),
                    "--tlskey", tls("server-key.pem"),
                    "--containerd-namespace", NAMESPACE,
                    "--containerd-plugins-namespace", NAMESPACE + "-plugins"));
            containerd().ifPresent(socket -> command.addAll(List.of("--containerd", socket.toString())));
            dockerd = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(ROOT.resolve("dockerd.log").toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the second engine", e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (run(List.of("docker", "-H", host().toString(), "version"), false) != 0) {
            if (!dockerd.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the second engine did not come up; see " + ROOT.resolve("dockerd.log"));
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /** A CA, the engine's certificate for 127.0.0.1 and a client certificate, valid for a day. */
    private void makeCertificates() {
        Path dir = ROOT.resolve("tls");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
            Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write to " + dir, e);
        }
        String script = String.join(" && ",
                "cd " + dir,
                "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 1 -subj /CN=driftless-it-ca",
                "openssl req -x509 -newkey rsa:2048 -nodes -keyout foreign-key.pem -out foreign-ca.pem -days 1 "
                        + "-subj /CN=driftless-it-foreign",
                "openssl req -newkey rsa:2048 -nodes -keyout server-key.pem -out server.csr -subj /CN=127.0.0.1",
                "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out server-cert.pem "
                        + "-days 1 -extfile server.ext",
                "openssl req -newkey rsa:2048 -nodes -keyout key.pem -out client.csr -subj /CN=driftless",
                "openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out cert.pem "
                        + "-days 1 -extfile client.ext");
        if (run(List.of("sh", "-c", script), false) != 0) {
            throw new IllegalStateException("openssl could not make the test certificates in " + dir);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** The containerd the main engine uses: the system's, else the one dockerd runs for itself. */
    private static Optional<Path> containerd() {
        return java.util.stream.Stream.of("/run/containerd/containerd.sock", "/var/run/docker/containerd/containerd.sock")
                .map(Path::of).filter(Files::exists).findFirst();
    }

    /** A previous run killed before its {@link #close()}: its dockerd, bridge and data go. */
    private void clearLeftovers() {
        Path pid = ROOT.resolve("docker.pid");
        if (Files.exists(pid)) {
            try {
                long stale = Long.parseLong(Files.readString(pid).strip());
                ProcessHandle.of(stale).filter(handle -> handle.info().command().map(c -> c.endsWith("dockerd")).orElse(false))
                        .ifPresent(handle -> {
                            handle.destroy();
                            handle.onExit().orTimeout(60, TimeUnit.SECONDS).join();
                        });
            } catch (IOException | RuntimeException e) {
                // no such process: nothing to stop
            }
        }
        if (run(List.of("ip", "link", "show", BRIDGE), false) == 0) {
            run(List.of("ip", "link", "del", BRIDGE));
        }
        run(List.of("rm", "-rf", ROOT.toString(), SOCKET_DIR.toString()));
    }

    private static Optional<String> missingPrerequisite() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("dockerd needs root");
        }
        for (String tool : List.of("dockerd", "docker", "ip", "openssl")) {
            if (run(List.of("sh", "-c", "command -v " + tool), false) != 0) {
                return Optional.of(tool + " is not installed");
            }
        }
        return Optional.empty();
    }

    private static void run(List<String> command) {
        int exit = run(command, true);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
    }

    private static int run(List<String> command, boolean showOutput) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(showOutput ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
