package dev.driftless.reconciler.http;

import com.github.dockerjava.api.DockerClient;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.testing.TestDaemon;
import dev.driftless.reconciler.testing.TestCompose;
import dev.driftless.reconciler.testing.TestEngine;
import dev.driftless.reconciler.testing.TestRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The read API and sync requests, against a running daemon on the real engine. */
class ApiIT {

    private static final String TOKEN = "api-token-for-tests";

    @TempDir
    Path temp;

    private DockerEngine engine;
    private DockerClient docker;
    private TestRepo repo;
    private TestDaemon daemon;
    private String app;

    @BeforeEach
    void start() throws Exception {
        engine = TestEngine.connect();
        docker = engine.client();
        app = TestEngine.uniqueApp("api");
        repo = TestRepo.init(temp.resolve("fleet"));
        repo.write(app + "/compose.yaml", TestCompose.app(TestCompose.service("web", "api-it", Map.of()))).commit("Deploy");
        Path token = temp.resolve("api-token");
        Files.writeString(token, TOKEN + "\n");
        daemon = TestDaemon.start(repo.directory(), temp.resolve("data"), Map.of(
                "driftless.poll-interval", "1h", "driftless.api.token-file", token.toString()));
        // Listed as Progressing from the start of its first rollout; deployed once that ended.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(daemon.get("/api/apps").body())
                .contains("\"app\":\"" + app + "\"").contains("\"health\":\"Healthy\""));
    }

    @AfterEach
    void stop() {
        daemon.close();
        repo.close();
        TestEngine.removeTestObjects(docker);
        engine.close();
    }

    @Test
    void listsAppsWithTheirSyncStatusHistoryAndSources() {
        String apps = daemon.get("/api/apps").body();
        String one = daemon.get("/api/apps/" + app).body();
        String history = daemon.get("/api/apps/" + app + "/history").body();
        String sources = daemon.get("/api/sources").body();

        assertThat(apps).contains("\"sync\":\"Synced\"").contains("\"source\":\"fleet\"");
        assertThat(one).contains("\"result\":\"applied\"");
        assertThat(history).contains("\"trigger\":\"startup\"").contains("+ " + app + "-web-1");
        assertThat(sources).contains("\"name\":\"fleet\"").contains("\"state\":\"READY\"").contains("\"consecutiveFailures\":0");
    }

    @Test
    void anUnknownAppIsAProblemDocument() {
        HttpResponse<String> missing = daemon.get("/api/apps/nope");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("content-type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(missing.body()).contains("\"title\":\"Unknown app\"").contains("\"status\":404");
    }

    @Test
    void aSyncNeedsTheBearerTokenAndThenQueuesTheApp() throws Exception {
        HttpResponse<String> anonymous = post("/api/apps/" + app + "/sync", null);
        HttpResponse<String> wrong = post("/api/apps/" + app + "/sync", "not-the-token");
        HttpResponse<String> allowed = post("/api/apps/" + app + "/sync", TOKEN);
        HttpResponse<String> source = post("/api/sources/fleet/sync", TOKEN);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain(TOKEN);
        assertThat(allowed.statusCode()).isEqualTo(202);
        assertThat(allowed.body()).contains("\"apps\":\"" + app + "\"");
        assertThat(source.statusCode()).isEqualTo(202);
        // Both found the app in sync; history keeps no repeat, the metrics count both.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(daemon.get("/metrics").body())
                .contains("driftless_reconcile_total{app=\"" + app + "\",result=\"synced\"} 2.0"));
    }

    @Test
    void aSuspendedAppIsLeftAloneUntilItIsResumedAndThenCatchesUp() throws Exception {
        String before = docker.inspectContainerCmd(app + "-web-1").exec().getId();

        HttpResponse<String> suspended = post("/api/apps/" + app + "/suspend", TOKEN);
        String change = repo.write(app + "/compose.yaml", TestCompose.app(TestCompose.service("web", "api-it", Map.of("CHANGED", "yes")))).commit("A change while suspended");
        post("/api/sources/fleet/sync", TOKEN);
        // The reconcile that read the change has run once the source reports that revision.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(daemon.get("/api/sources").body()).contains("\"revision\":\"" + change + "\""));

        assertThat(suspended.statusCode()).isEqualTo(200);
        assertThat(daemon.get("/api/apps/" + app).body()).contains("\"health\":\"Suspended\"")
                .contains("\"suspended\":true");
        assertThat(docker.inspectContainerCmd(app + "-web-1").exec().getId()).as("untouched while suspended")
                .isEqualTo(before);

        HttpResponse<String> resumed = post("/api/apps/" + app + "/resume", TOKEN);

        assertThat(resumed.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(TestDaemon.environmentOf(docker, app + "-web-1", "CHANGED")).isEqualTo("CHANGED=yes"));
        assertThat(daemon.get("/api/apps/" + app).body()).contains("\"suspended\":false");
    }

    @Test
    void aRollbackRedeploysTheLastGoodRevisionAndHoldsItUntilResumed() throws Exception {
        String first = daemon.get("/api/apps/" + app).body().replaceAll(".*\"revision\":\"([0-9a-f]{40})\".*", "$1");
        String second = repo.write(app + "/compose.yaml", TestCompose.app(TestCompose.service("web", "api-it", Map.of("CHANGED", "yes")))).commit("A change to roll back");
        post("/api/sources/fleet/sync", TOKEN);
        // The new container runs while it proves healthy, a moment before its rollout is recorded.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                TestDaemon.environmentOf(docker, app + "-web-1", "CHANGED").equals("CHANGED=yes"));
        // The container runs a moment before its rollout is recorded (in a fenced transaction).
        await().atMost(Duration.ofSeconds(30)).until(() ->
                daemon.get("/api/apps/" + app + "/history").body().contains(second));

        HttpResponse<String> rollback = post("/api/apps/" + app + "/rollback", TOKEN);

        assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(202);
        assertThat(rollback.body()).contains("\"revision\":\"" + first + "\"");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                TestDaemon.environmentOf(docker, app + "-web-1", "CHANGED").isEmpty()
                        && docker.listContainersCmd().withNameFilter(java.util.List.of(app + "-web-1")).exec().size() == 1);
        post("/api/sources/fleet/sync", TOKEN);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(daemon.get("/api/apps/" + app).body())
                .contains("\"pinnedRevision\":\"" + first + "\"").contains("\"revision\":\"" + first + "\"")
                .contains("\"health\":\"Suspended\""));
        assertThat(TestDaemon.environmentOf(docker, app + "-web-1", "CHANGED")).as("a poll does not undo it").isEmpty();

        post("/api/apps/" + app + "/resume", TOKEN);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                TestDaemon.environmentOf(docker, app + "-web-1", "CHANGED").equals("CHANGED=yes")
                        && daemon.get("/api/apps/" + app).body().contains("\"revision\":\"" + second + "\""));
    }

    private HttpResponse<String> post(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(daemon.uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
