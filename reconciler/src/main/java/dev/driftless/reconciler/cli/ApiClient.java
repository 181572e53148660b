package dev.driftless.reconciler.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How the client commands reach a running daemon's API: its URL and, for changes, its token. */
final class ApiClient {

    @Option(names = "--url", paramLabel = "URL",
            description = "The daemon (default: $DRIFTLESS_URL, else http://localhost:8484).")
    String url;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "The API token, for sync (default: $DRIFTLESS_API_TOKEN_FILE).")
    Path tokenFile;

    record Answer(int status, String body) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(body);
        }

        /** The problem document's detail, or the body. */
        String problem() {
            try {
                JsonNode node = json();
                return node.path("title").asText("") + ": " + node.path("detail").asText(body);
            } catch (IOException e) {
                return body;
            }
        }
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Answer post(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return send(request);
    }

    String base() {
        String base = url != null ? url : Optional.ofNullable(System.getenv("DRIFTLESS_URL")).orElse("http://localhost:8484");
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private URI uri(String path) {
        return URI.create(base() + path);
    }

    private Optional<String> token() throws IOException {
        Path file = tokenFile != null ? tokenFile
                : Optional.ofNullable(System.getenv("DRIFTLESS_API_TOKEN_FILE")).map(Path::of).orElse(null);
        return file == null ? Optional.empty() : Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
    }
}
