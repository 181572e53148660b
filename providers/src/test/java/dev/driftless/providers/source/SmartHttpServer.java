package dev.driftless.providers.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real smart-HTTP git server on 127.0.0.1 for tests: Debian git's own {@code git http-backend}
 * run as a CGI program behind the JDK's HTTP server, serving every repository under one folder.
 *
 * <p>Why not JGit's {@code GitServlet}: its last release on Maven Central is 7.5, older than the
 * JGit core the project uses, and it would bring a servlet container into the build. The CGI
 * program is the reference implementation of the protocol (v0 and v2), which is what a hosted git
 * service speaks, and needs nothing but git.
 *
 * <p>When made with a token, every request must authenticate with it, as HTTP Basic with any
 * user name and the token as the password (GitHub's and Gitea's way) or as a Bearer token;
 * anything else gets 401 with a Basic challenge, as a real host answers.
 */
final class SmartHttpServer implements AutoCloseable {

    private static final String CONTEXT = "/git";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path projectRoot;
    private final String token;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    private SmartHttpServer(HttpServer server, ExecutorService executor, Path projectRoot, String token) {
        this.server = server;
        this.executor = executor;
        this.projectRoot = projectRoot;
        this.token = token;
    }

    /**
     * Starts serving the repositories under {@code projectRoot} on a free loopback port.
     *
     * @param token the token every request must carry, or {@code null} for none
     */
    static SmartHttpServer start(Path projectRoot, String token) throws IOException {
        // Without TCP_NODELAY the JDK's server holds each response's last chunk back until the
        // client's delayed ACK, about 40 ms a request: the test server's delay, not the client's.
        // Read once per JVM, when the first server is made, so it is set before any.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService executor = Executors.newFixedThreadPool(8);
        SmartHttpServer git = new SmartHttpServer(server, executor, projectRoot.toAbsolutePath(), token);
        server.createContext(CONTEXT, git::handle);
        server.setExecutor(executor);
        server.start();
        return git;
    }

    /** The URL of the repository in the folder of that name under the project root. */
    String url(String repository) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + CONTEXT + "/" + repository;
    }

    /** Requests received, answered or refused. */
    int requests() {
        return requests.get();
    }

    /** Requests refused for want of the right token. */
    int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (!authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
                refused.incrementAndGet();
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"driftless test\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            runBackend(exchange);
        }
    }

    private boolean authorised(String authorization) {
        if (token == null) {
            return true;
        }
        if (authorization == null) {
            return false;
        }
        String offered = null;
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            offered = authorization.substring(7).strip();
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            offered = colon < 0 ? null : decoded.substring(colon + 1);
        }
        return offered != null && MessageDigest.isEqual(offered.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 3875: the request goes into the environment and standard input, the answer comes back on standard output. */
    private void runBackend(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath().substring(CONTEXT.length());
        ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = builder.environment();
        env.put("GIT_PROJECT_ROOT", projectRoot.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("PATH_INFO", URLDecoder.decode(rawPath, StandardCharsets.UTF_8));
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        String query = exchange.getRequestURI().getRawQuery();
        env.put("QUERY_STRING", query == null ? "" : query);
        env.put("REMOTE_ADDR", exchange.getRemoteAddress().getAddress().getHostAddress());
        env.put("REMOTE_USER", "driftless");
        copyHeader(exchange, "Content-Type", env, "CONTENT_TYPE");
        copyHeader(exchange, "Content-Length", env, "CONTENT_LENGTH");
        copyHeader(exchange, "Content-Encoding", env, "HTTP_CONTENT_ENCODING");
        copyHeader(exchange, "Git-Protocol", env, "GIT_PROTOCOL");
        copyHeader(exchange, "Git-Protocol", env, "HTTP_GIT_PROTOCOL");
        Process process = builder.start();
        CompletableFuture<Void> input = CompletableFuture.runAsync(() -> {
            try (InputStream body = exchange.getRequestBody(); OutputStream stdin = process.getOutputStream()) {
                body.transferTo(stdin);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> {
            try (InputStream stderr = process.getErrorStream()) {
                return stderr.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (InputStream stdout = process.getInputStream()) {
            int status = 200;
            for (String line : readHeaders(stdout)) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
                if (name.equalsIgnoreCase("Status")) {
                    status = Integer.parseInt(value.split(" ")[0]);
                } else {
                    exchange.getResponseHeaders().add(name, value);
                }
            }
            exchange.sendResponseHeaders(status, 0);
            try (OutputStream response = exchange.getResponseBody()) {
                stdout.transferTo(response);
            }
        } finally {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                input.exceptionally(e -> null).join();
                byte[] stderr = errors.exceptionally(e -> new byte[0]).join();
                if (stderr.length > 0) {
                    System.err.println("git http-backend: " + new String(stderr, StandardCharsets.UTF_8).strip());
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void copyHeader(HttpExchange exchange, String header, Map<String, String> env, String variable) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            env.put(variable, value);
        }
    }

    /** The CGI header lines, up to the empty line; the body follows in the stream. */
    private static List<String> readHeaders(InputStream stdout) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        int b;
        while ((b = stdout.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                line.reset();
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
        return lines; // no body: the program ended within its headers
    }
}
