package dev.driftless.reconciler.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.testing.TestCompose;
import dev.driftless.reconciler.testing.TestEngine;
import dev.driftless.reconciler.testing.TestDaemon;
import dev.driftless.reconciler.testing.TestRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A signed push from GitHub, as the daemon receives it: the payload is GitHub's documented push
 * event (the providers module's fixture) pointed at a real repository on disk, polling is slow so
 * that only the webhook can explain a fast deploy.
 */
class WebhookIT {

    private static final String SECRET = "It's a Secret to Everybody";

    @TempDir
    Path temp;

    private DockerEngine engine;
    private DockerClient docker;
    private TestRepo repo;
    private TestDaemon daemon;
    private String app;
    private String other;

    @BeforeEach
    void start() throws Exception {
        engine = TestEngine.connect();
        docker = engine.client();
        app = TestEngine.uniqueApp("hook");
        other = app + "-other";
        repo = TestRepo.init(temp.resolve("repo"));
        repo.write(app + "/compose.yaml", compose("first")).write(other + "/compose.yaml", compose("steady"))
                .commit("First");
        Path secretFile = temp.resolve("github-secret");
        Files.writeString(secretFile, SECRET + "\n");
        daemon = TestDaemon.start(repo.directory(), temp.resolve("data"), Map.of(
                "driftless.poll-interval", "1h",
                "driftless.webhook.github.secret-file", secretFile.toString()));
        // Containers run while they prove healthy; the push must come after the first rollout ended,
        // when the daemon knows the revision's apps.
        await().atMost(Duration.ofSeconds(60)).until(() -> greeting(app).equals("GREETING=first")
                && greeting(other).equals("GREETING=steady")
                && daemon.context().getBean(Daemon.class).runners().get(0).lastReport().isPresent());
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        repo.close();
        TestEngine.removeTestObjects(docker);
        engine.close();
    }

    @Test
    void aSignedPushDeploysTheAppsItTouchedLongBeforeTheNextPoll() throws Exception {
        String otherBefore = docker.inspectContainerCmd(other + "-web-1").exec().getId();
        String before = repo.headOf();
        String after = repo.write(app + "/compose.yaml", compose("second")).commit("Second");
        byte[] body = pushPayload(before, after, app + "/compose.yaml");

        long sent = System.nanoTime();
        HttpResponse<String> response = post(body, sign(body), UUID.randomUUID().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> greeting(app).equals("GREETING=second"));
        long deployedMillis = (System.nanoTime() - sent) / 1_000_000;

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.body()).contains("\"outcome\":\"accepted\"").contains("\"source\":\"repo\"")
                .contains("\"apps\":\"" + app + "\"");
        assertThat(docker.inspectContainerCmd(other + "-web-1").exec().getId()).as("an untouched app stays")
                .isEqualTo(otherBefore);
        System.out.printf("signed push to running container: %d ms%n", deployedMillis);
    }

    @Test
    void aForgedOrRepeatedDeliveryDeploysNothing() throws Exception {
        String before = repo.headOf();
        String after = repo.write(app + "/compose.yaml", compose("forged")).commit("Forged");
        byte[] body = pushPayload(before, after, app + "/compose.yaml");
        String delivery = UUID.randomUUID().toString();

        HttpResponse<String> forged = post(body, "sha256=" + "0".repeat(64), delivery);
        HttpResponse<String> unsigned = post(body, null, delivery);
        HttpResponse<String> real = post(body, sign(body), delivery);
        HttpResponse<String> again = post(body, sign(body), delivery);
        HttpResponse<String> unknownProvider = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri("/hooks/svn")).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(401);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(real.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        assertThat(unknownProvider.statusCode()).isEqualTo(404);
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("driftless_webhook_requests_total{outcome=\"unauthorized\",provider=\"github\"} 2.0");
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        byte[] huge = new byte[2 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');

        HttpResponse<String> response = post(huge, sign(huge), UUID.randomUUID().toString());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aClientThatStallsInTheMiddleOfItsBodyIsCutOff() throws Exception {
        int port = daemon.uri("/").getPort();
        try (java.net.Socket slow = new java.net.Socket("127.0.0.1", port)) {
            slow.getOutputStream().write(("POST /hooks/github HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n"
                    + "X-GitHub-Event: push\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            slow.setSoTimeout(30_000);
            long start = System.nanoTime();

            int read = slow.getInputStream().read();

            long waited = (System.nanoTime() - start) / 1_000_000;
            assertThat(read).as("the server closed the connection").isEqualTo(-1);
            assertThat(waited).as("ms until cut off").isBetween(5_000L, 20_000L);
        }
    }

    private byte[] pushPayload(String before, String after, String changed) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode push = (ObjectNode) json.readTree(Path.of("..", "providers", "src", "test", "resources", "webhook",
                "github", "push.json").toFile());
        String url = repo.directory().toUri().toString();
        push.put("ref", "refs/heads/main").put("before", before).put("after", after);
        ObjectNode repository = (ObjectNode) push.get("repository");
        for (String field : new String[] {"clone_url", "ssh_url", "html_url", "git_url", "url"}) {
            repository.put(field, url);
        }
        ObjectNode commit = (ObjectNode) push.withArray("commits").get(0);
        commit.put("id", after);
        commit.set("modified", json.createArrayNode().add(changed));
        commit.set("added", json.createArrayNode());
        commit.set("removed", json.createArrayNode());
        ArrayNode commits = json.createArrayNode().add(commit);
        push.set("commits", commits);
        push.set("head_commit", commit);
        return json.writeValueAsBytes(push);
    }

    private HttpResponse<String> post(byte[] body, String signature, String delivery) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/hooks/github"))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", delivery)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return daemon.uri(path);
    }

    private static String sign(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private String greeting(String name) {
        return TestDaemon.environmentOf(docker, name + "-web-1", "GREETING");
    }

    private static String compose(String greeting) {
        return TestCompose.app(TestCompose.service("web", "webhook-it", Map.of("GREETING", greeting)));
    }
}
