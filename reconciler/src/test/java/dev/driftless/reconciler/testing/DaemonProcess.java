package dev.driftless.reconciler.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A daemon in a JVM of its own, as a user starts it ({@code driftless run}), on the test's class
 * path: it can be killed with SIGKILL or frozen with SIGSTOP for real. Its output goes to a file
 * the test can read.
 */
public final class DaemonProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path output;
    private final int port;

    private DaemonProcess(String name, Process process, Path output, int port) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /**
     * Starts {@code driftless run} following {@code repo}, with its data (git cache) in
     * {@code folder}, and {@code properties} as system properties (the store, the instance id).
     */
    public static DaemonProcess start(String name, Path repo, Path folder, Map<String, String> properties) {
        try {
            Files.createDirectories(folder);
            int port = freePort();
            Path output = folder.resolve(name + ".log");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.add("-XX:+UseSerialGC");
            command.add("-Xmx256m");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("dev.driftless.reconciler.cli.DriftlessMain");
            command.addAll(List.of("run", "--source", repo.toString(), "--data", folder.resolve("data").toString(),
                    "--port", Integer.toString(port), "--poll-interval", "1s"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            return new DaemonProcess(name, process, output, port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start daemon " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** What the daemon printed so far. */
    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: the process dies at once, mid-step, with no chance to hand anything back. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGSTOP: the process is frozen where it stands; its clock keeps going. */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT: the frozen process carries on from where it stood. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String signal) {
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " exited " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            thaw();
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
