package dev.driftless.providers.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each provider's request, checked on the wire against a real local HTTP server: the exact
 * method, path, headers and JSON body that the provider's documentation describes.
 */
class ProviderRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "e10dae226959c2194f2b07b077c07762d93821cf";
    private static final String TOKEN = "tok-123456";
    private static final URI LINK = URI.create("https://driftless.example.com/apps/web/production");
    private static final URI STATUS_PAGE = URI.create("https://driftless.example.com/status");

    private final RecordingServer server = RecordingServer.start();
    private final RecordingScheduler scheduler = new RecordingScheduler();
    private final StatusClients clients = StatusClients.create(
            StatusClientOptions.defaults().withDefaultTargetUrl(STATUS_PAGE), Clock.systemUTC(), scheduler);

    @AfterEach
    void stop() {
        clients.close();
        scheduler.shutdownNow();
        server.close();
    }

    private CommitStatus status(CommitStatus.State state) {
        return new CommitStatus(SHA, state, "driftless/web/production", "rolling out 3 services", Optional.of(LINK));
    }

    private RecordingServer.Request onlyRequest() {
        List<RecordingServer.Request> requests = server.requests();
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    private static JsonNode expected(Map<String, String> fields) {
        return JSON.valueToTree(fields);
    }

    private static Map<String, String> fields(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Nested
    class GitHub {

        private final RepositoryRef repository = RepositoryRef.parse(
                "git@github.example.com:acme/fleet.git", Provider.GITHUB, server.uri("/api/v3"));

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({"PENDING, pending", "SUCCESS, success", "FAILURE, failure", "ERROR, error"})
        void postsTheDocumentedStatus(CommitStatus.State state, String expectedState) throws Exception {
            ReportOutcome outcome = clients.reporter(Provider.GITHUB, Credential.token(TOKEN)).report(repository, status(state));

            assertThat(outcome).isEqualTo(new ReportOutcome.Published(Provider.GITHUB, 201, 1));
            RecordingServer.Request request = onlyRequest();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.rawPath()).isEqualTo("/api/v3/repos/acme/fleet/statuses/" + SHA);
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.header("Accept")).isEqualTo("application/vnd.github+json");
            assertThat(request.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.header("User-Agent")).isEqualTo("driftless");
            assertThat(json(request.body())).isEqualTo(expected(fields(
                    "state", expectedState,
                    "target_url", LINK.toString(),
                    "description", "rolling out 3 services",
                    "context", "driftless/web/production")));
        }

        @Test
        void cutsTheDescriptionTo140Characters() throws Exception {
            clients.reporter(Provider.GITHUB, Credential.token(TOKEN))
                    .report(repository, status(CommitStatus.State.FAILURE).withDescription("d".repeat(500)));

            String description = json(onlyRequest().body()).path("description").asText();
            assertThat(description).hasSize(140).endsWith("\u2026");
        }

        @Test
        void aStatusWithoutItsOwnLinkGetsTheConfiguredStatusPage() throws Exception {
            clients.reporter(Provider.GITHUB, Credential.token(TOKEN))
                    .report(repository, CommitStatus.success(SHA, "web", "production", "healthy"));

            assertThat(json(onlyRequest().body()).path("target_url").asText()).isEqualTo(STATUS_PAGE.toString());
        }

        @Test
        void withoutAnyLinkTheFieldIsLeftOut() throws Exception {
            try (StatusClients bare = StatusClients.create(StatusClientOptions.defaults(), Clock.systemUTC(), scheduler)) {
                bare.reporter(Provider.GITHUB, Credential.token(TOKEN))
                        .report(repository, CommitStatus.success(SHA, "web", "production", "healthy"));
            }

            assertThat(json(onlyRequest().body()).has("target_url")).isFalse();
        }

        @Test
        void refusesBasicAuthentication() {
            assertThatThrownBy(() -> clients.reporter(Provider.GITHUB, Credential.basic("me", "password-1")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("GitHub takes a token")
                    .hasMessageNotContaining("password-1");
        }
    }

    @Nested
    class GitLab {

        private final RepositoryRef repository = RepositoryRef.parse(
                "git@gitlab.example.com:group/sub/project.git", Provider.GITLAB, server.uri("/api/v4"));

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({"PENDING, running", "SUCCESS, success", "FAILURE, failed", "ERROR, failed"})
        void postsTheDocumentedStatus(CommitStatus.State state, String expectedState) throws Exception {
            ReportOutcome outcome = clients.reporter(Provider.GITLAB, Credential.token(TOKEN)).report(repository, status(state));

            assertThat(outcome.published()).isTrue();
            RecordingServer.Request request = onlyRequest();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.rawPath()).isEqualTo("/api/v4/projects/group%2Fsub%2Fproject/statuses/" + SHA);
            assertThat(request.header("PRIVATE-TOKEN")).isEqualTo(TOKEN);
            assertThat(request.header("Authorization")).isNull();
            assertThat(request.header("Accept")).isEqualTo("application/json");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(json(request.body())).isEqualTo(expected(fields(
                    "state", expectedState,
                    "name", "driftless/web/production",
                    "description", "rolling out 3 services",
                    "target_url", LINK.toString())));
        }

        @Test
        void anOAuthTokenGoesInTheAuthorizationHeader() {
            clients.reporter(Provider.GITLAB, Credential.bearer(TOKEN)).report(repository, status(CommitStatus.State.SUCCESS));

            RecordingServer.Request request = onlyRequest();
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.header("PRIVATE-TOKEN")).isNull();
        }
    }

    @Nested
    class GiteaAndForgejo {

        @ParameterizedTest(name = "{0}: {1} is {2}")
        @CsvSource({
            "GITEA, PENDING, pending", "GITEA, SUCCESS, success", "GITEA, FAILURE, failure", "GITEA, ERROR, error",
            "FORGEJO, PENDING, pending", "FORGEJO, SUCCESS, success", "FORGEJO, FAILURE, failure", "FORGEJO, ERROR, error",
        })
        void postTheDocumentedStatus(Provider provider, CommitStatus.State state, String expectedState) throws Exception {
            RepositoryRef repository = RepositoryRef.parse("ssh://git@git.example.com:2222/acme/fleet.git", provider,
                    server.uri("/api/v1"));

            ReportOutcome outcome = clients.reporter(provider, Credential.token(TOKEN)).report(repository, status(state));

            assertThat(outcome).isEqualTo(new ReportOutcome.Published(provider, 201, 1));
            RecordingServer.Request request = onlyRequest();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.rawPath()).isEqualTo("/api/v1/repos/acme/fleet/statuses/" + SHA);
            assertThat(request.header("Authorization")).isEqualTo("token " + TOKEN);
            assertThat(request.header("Accept")).isEqualTo("application/json");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(json(request.body())).isEqualTo(expected(fields(
                    "state", expectedState,
                    "target_url", LINK.toString(),
                    "description", "rolling out 3 services",
                    "context", "driftless/web/production")));
        }

        @Test
        void aUserAndPasswordGoAsHttpBasic() {
            RepositoryRef repository = RepositoryRef.parse("git@git.example.com:acme/fleet.git", Provider.GITEA,
                    server.uri("/api/v1"));

            clients.reporter(Provider.GITEA, Credential.basic("driftless-bot", "pw-987"))
                    .report(repository, status(CommitStatus.State.SUCCESS));

            String expected = Base64.getEncoder().encodeToString("driftless-bot:pw-987".getBytes(StandardCharsets.UTF_8));
            assertThat(onlyRequest().header("Authorization")).isEqualTo("Basic " + expected);
        }
    }

    @Nested
    class Bitbucket {

        private final RepositoryRef repository = new RepositoryRef(
                Provider.BITBUCKET, server.uri("/2.0"), "my-workspace", "my-repo");

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({"PENDING, INPROGRESS", "SUCCESS, SUCCESSFUL", "FAILURE, FAILED", "ERROR, FAILED"})
        void postsTheDocumentedBuildStatus(CommitStatus.State state, String expectedState) throws Exception {
            ReportOutcome outcome = clients.reporter(Provider.BITBUCKET, Credential.token(TOKEN))
                    .report(repository, status(state));

            assertThat(outcome.published()).isTrue();
            RecordingServer.Request request = onlyRequest();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.rawPath()).isEqualTo("/2.0/repositories/my-workspace/my-repo/commit/" + SHA
                    + "/statuses/build");
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.header("Accept")).isEqualTo("application/json");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(json(request.body())).isEqualTo(expected(fields(
                    "key", "driftless/web/production",
                    "state", expectedState,
                    "name", "driftless/web/production",
                    "description", "rolling out 3 services",
                    "url", LINK.toString())));
        }

        @Test
        void aStatusWithoutALinkGetsTheRequiredUrlFromTheConfiguration() throws Exception {
            clients.reporter(Provider.BITBUCKET, Credential.token(TOKEN))
                    .report(repository, CommitStatus.pending(SHA, "web", "production", "rolling out"));

            assertThat(json(onlyRequest().body()).path("url").asText()).isEqualTo(STATUS_PAGE.toString());
        }

        @Test
        void aReporterCannotBeMadeWithoutADefaultLink() {
            try (StatusClients bare = StatusClients.create(StatusClientOptions.defaults(), Clock.systemUTC(), scheduler)) {
                assertThatThrownBy(() -> bare.reporter(Provider.BITBUCKET, Credential.token(TOKEN)))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("requires a link");
            }
        }

        @Test
        void aLongContextBecomesAStableKeyOfFortyCharacters() throws Exception {
            CommitStatus longOne = CommitStatus.success(SHA, "a-rather-long-application-name", "production-eu-west", "ok");

            clients.reporter(Provider.BITBUCKET, Credential.token(TOKEN)).report(repository, longOne);
            clients.reporter(Provider.BITBUCKET, Credential.token(TOKEN)).report(repository, longOne);

            List<RecordingServer.Request> requests = server.requests();
            String key = json(requests.get(0).body()).path("key").asText();
            assertThat(key).hasSize(40).startsWith("driftless-").matches("driftless-[0-9a-f]{30}");
            assertThat(json(requests.get(1).body()).path("key").asText()).isEqualTo(key);
            assertThat(json(requests.get(0).body()).path("name").asText()).isEqualTo(longOne.context());
            assertThat(BitbucketApi.key("driftless/web/production")).isEqualTo("driftless/web/production");
            assertThat(BitbucketApi.key(longOne.context() + "x")).isNotEqualTo(key);
        }

        @Test
        void anAppPasswordGoesAsHttpBasic() {
            clients.reporter(Provider.BITBUCKET, Credential.basic("jdoe", "app-pass"))
                    .report(repository, status(CommitStatus.State.SUCCESS));

            String expected = Base64.getEncoder().encodeToString("jdoe:app-pass".getBytes(StandardCharsets.UTF_8));
            assertThat(onlyRequest().header("Authorization")).isEqualTo("Basic " + expected);
        }
    }

    @Test
    void aReporterRefusesARepositoryOfAnotherProvider() {
        RepositoryRef gitlab = RepositoryRef.parse("https://gitlab.com/group/project.git");

        assertThatThrownBy(() -> clients.reporter(Provider.GITHUB, Credential.token(TOKEN))
                .report(gitlab, status(CommitStatus.State.SUCCESS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GitHub reporter was given GitLab group/project");
        assertThat(server.requests()).isEmpty();
    }
}
