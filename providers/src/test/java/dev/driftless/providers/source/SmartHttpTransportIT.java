package dev.driftless.providers.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport contract over smart HTTP, against git's own {@code http-backend} on 127.0.0.1
 * that demands a token, and what a token does and does not do.
 */
class SmartHttpTransportIT extends TransportContract {

    private static final String TOKEN = "glpat-test-7d1f0a9c";
    private static final String TOKEN_VARIABLE = "FLEET_GIT_TOKEN";

    @TempDir
    static Path served;

    private static SmartHttpServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = SmartHttpServer.start(served, TOKEN);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    Path repositories() {
        return served;
    }

    @Override
    Map<String, String> environment() {
        return Map.of(TOKEN_VARIABLE, TOKEN + "\n");
    }

    /** The token from an environment variable, as a container would be given it. */
    @Override
    SourceSpec spec(Upstream upstream, SourceRef ref) {
        return new SourceSpec(url(upstream), ref, "", Credentials.token(new Secret.FromEnvironment(TOKEN_VARIABLE)));
    }

    private static String url(Upstream upstream) {
        return server.url(upstream.directory().getFileName().toString());
    }

    @Test
    void aTokenFromAFileAuthenticates() throws Exception {
        upstream.write("compose.yaml", "services: {}\n");
        String head = upstream.commit("Add the web app");
        Path tokenFile = temp.resolve("token");
        Files.writeString(tokenFile, TOKEN + "\n");
        SourceSpec spec = new SourceSpec(url(upstream), "main")
                .withCredentials(new Credentials.Token("oauth2", new Secret.FromFile(tokenFile)));

        try (GitSource source = source(spec)) {
            assertThat(source.fetch().commitId()).isEqualTo(head);
        }
    }

    @Test
    void aWrongTokenIsAPermanentAuthenticationFailureThatNeverShowsTheToken() throws Exception {
        upstream.write("compose.yaml", "services: {}\n");
        upstream.commit("Add the web app");
        Path tokenFile = temp.resolve("token");
        Files.writeString(tokenFile, "glpat-wrong-3e5b\n");
        SourceSpec spec = new SourceSpec(url(upstream), "main")
                .withCredentials(Credentials.token(new Secret.FromFile(tokenFile)));

        try (GitSource source = source(spec)) {
            assertThatThrownBy(source::fetch)
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessageStartingWith("authentication failed for " + url(upstream))
                    .hasMessageContaining(tokenFile.toString())
                    .hasMessageNotContaining("glpat-wrong-3e5b")
                    .hasMessageNotContaining(TOKEN);
        }
        assertThat(server.refused()).isPositive();
    }

    @Test
    void noTokenIsAnAuthenticationFailureThatSaysTheSourceHasNone() throws Exception {
        upstream.write("compose.yaml", "services: {}\n");
        upstream.commit("Add the web app");

        try (GitSource source = source(new SourceSpec(url(upstream), "main"))) {
            assertThatThrownBy(source::fetch)
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessageStartingWith("authentication failed for " + url(upstream))
                    .hasMessageContaining("has none");
        }
    }

    @Test
    void anUnsetTokenVariableIsAPermanentErrorNamingTheVariable() throws Exception {
        upstream.write("compose.yaml", "services: {}\n");
        upstream.commit("Add the web app");
        SourceSpec spec = new SourceSpec(url(upstream), "main")
                .withCredentials(Credentials.token(new Secret.FromEnvironment("NO_SUCH_TOKEN")));

        try (GitSource source = source(spec)) {
            assertThatThrownBy(source::fetch)
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessageContaining("environment variable NO_SUCH_TOKEN is not set");
        }
    }

    @Test
    void aMissingTokenFileIsAPermanentErrorNamingTheFile() throws Exception {
        upstream.write("compose.yaml", "services: {}\n");
        upstream.commit("Add the web app");
        Path tokenFile = temp.resolve("no-such-token");
        SourceSpec spec = new SourceSpec(url(upstream), "main")
                .withCredentials(Credentials.token(new Secret.FromFile(tokenFile)));

        try (GitSource source = source(spec)) {
            assertThatThrownBy(source::fetch)
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessageContaining("token file " + tokenFile + " does not exist");
        }
    }

    @Test
    void aRepositoryTheServerDoesNotHaveIsAPermanentError() throws Exception {
        SourceSpec spec = new SourceSpec(server.url("no-such-fleet"), "main")
                .withCredentials(Credentials.token(new Secret.FromEnvironment(TOKEN_VARIABLE)));

        try (GitSource source = source(spec)) {
            assertThatThrownBy(source::fetch)
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessageContaining(server.url("no-such-fleet"));
        }
    }
}
