package dev.driftless.providers.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport contract over ssh, against Debian's OpenSSH server on a loopback port, and
 * strict host-key checking: a host missing from known_hosts, or present with another key, is
 * refused with a message naming the host and the file.
 *
 * <p>Without an sshd (a developer's machine without openssh-server) these tests are skipped
 * with the reason; under CI they fail instead, because there the server must be installed.
 */
class SshTransportIT extends TransportContract {

    @TempDir
    static Path sshDirectory;

    private static OpenSshServer server;

    private Path knownHosts;

    @BeforeAll
    static void startServer() throws Exception {
        try {
            server = OpenSshServer.start(sshDirectory.resolve("sshd"));
        } catch (IOException e) {
            String reason = "cannot start an OpenSSH server for the ssh tests: " + e.getMessage();
            if ("true".equals(System.getenv("CI"))) {
                fail(reason + " (under CI the ssh tests must run: install openssh-server)");
            }
            Assumptions.abort(reason);
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void trustTheServer() throws IOException {
        knownHosts = temp.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine());
    }

    @Override
    Path repositories() {
        return temp;
    }

    @Override
    SourceSpec spec(Upstream upstream, SourceRef ref) {
        return new SourceSpec(server.url(upstream.directory()), ref, "",
                Credentials.sshKey(server.clientKey(), knownHosts));
    }

    private String hostPattern() {
        return "[127.0.0.1]:" + server.port();
    }

    @Test
    void aPinnedCommitIsFoundAmongBranchesAndTagsWhenTheServerWillNotServeItById() throws Exception {
        upstream.write("compose.yaml", "services: {web: {image: nginx:1.25}}\n");
        String pinned = upstream.commit("Run nginx 1.25");
        upstream.write("compose.yaml", "services: {web: {image: nginx:1.27}}\n");
        upstream.commit("Run nginx 1.27");
        // Over protocol v0 through ssh, git serves only what it advertised (unless configured
        // otherwise); a cache configured for v0 makes the client speak it.
        Path cache = temp.resolve("v0-cache");
        try (Git git = Git.init().setBare(true).setDirectory(cache.toFile()).call()) {
            StoredConfig config = git.getRepository().getConfig();
            config.setInt("protocol", null, "version", 0);
            config.save();
        }

        try (GitSource source = source(spec(upstream, new SourceRef.Commit(pinned)), cache)) {
            assertThat(source.fetch().commitId()).isEqualTo(pinned);
            assertThat(source.tree(pinned).readText("compose.yaml")).contains("services: {web: {image: nginx:1.25}}\n");
        }
        assertThat(transfers).as("by id, then all branches and tags").hasValue(2);
        try (Git git = Git.open(cache.toFile())) {
            assertThat(git.getRepository().getRefDatabase().getRefsByPrefix("refs/driftless/search/"))
                    .as("the branches fetched for the search are dropped again").isEmpty();
        }
    }

    @Test
    void aHostWithADifferentKeyInKnownHostsIsRefused() throws Exception {
        upstream.write("compose.yaml", "services: {}\n");
        upstream.commit("Add the web app");
        Files.writeString(knownHosts, server.wrongKnownHostsLine());

        try (GitSource source = source(branch("main"))) {
            assertThatThrownBy(source::fetch)
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessageContaining("host key of " + hostPattern())
                    .hasMessageContaining("does not match")
                    .hasMessageContaining(knownHosts.toString());
        }
        assertThat(knownHosts).hasContent(server.wrongKnownHostsLine().strip());
    }

    @Test
    void anEmptyKnownHostsIsRefusedByDefault() throws Exception {
        upstream.write("compose.yaml", "services: {}\n");
        upstream.commit("Add the web app");
        Files.writeString(knownHosts, "");

        try (GitSource source = source(branch("main"))) {
            assertThatThrownBy(source::fetch)
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessageContaining("host key of " + hostPattern())
                    .hasMessageContaining("is not in the known_hosts file " + knownHosts)
                    .hasMessageContaining("ssh-keyscan -p " + server.port() + " 127.0.0.1");
        }
        assertThat(knownHosts).isEmptyFile();
    }

    @Test
    void aMissingKnownHostsFileIsRefusedAndNotCreated() throws Exception {
        upstream.write("compose.yaml", "services: {}\n");
        upstream.commit("Add the web app");
        Files.delete(knownHosts);

        try (GitSource source = source(branch("main"))) {
            assertThatThrownBy(source::fetch)
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("which does not exist");
        }
        assertThat(knownHosts).doesNotExist();
    }

    @Test
    void acceptingNewHostKeysRecordsTheKeyOnFirstContactAndThenChecksIt() throws Exception {
        upstream.write("compose.yaml", "services: {}\n");
        String head = upstream.commit("Add the web app");
        Files.writeString(knownHosts, "");
        SourceSpec spec = branch("main").withCredentials(new Credentials.SshKey(server.clientKey(), knownHosts, true));

        try (GitSource source = source(spec)) {
            assertThat(source.fetch().commitId()).isEqualTo(head);
        }
        assertThat(Files.readString(knownHosts)).isEqualTo(server.knownHostsLine());

        Files.writeString(knownHosts, server.wrongKnownHostsLine());
        try (GitSource source = source(spec, temp.resolve("other-cache"))) {
            assertThatThrownBy(source::fetch)
                    .as("accept-new trusts unknown hosts only, never a changed key")
                    .hasMessageContaining("does not match");
        }
    }

    @Test
    void aHashedKnownHostsEntryIsRecognised() throws Exception {
        upstream.write("compose.yaml", "services: {}\n");
        String head = upstream.commit("Add the web app");
        Process hash = new ProcessBuilder("ssh-keygen", "-q", "-H", "-f", knownHosts.toString())
                .redirectErrorStream(true).start();
        assertThat(hash.waitFor()).as(new String(hash.getInputStream().readAllBytes())).isZero();
        assertThat(Files.readString(knownHosts)).startsWith("|1|").doesNotContain("127.0.0.1");

        try (GitSource source = source(branch("main"))) {
            assertThat(source.fetch().commitId()).isEqualTo(head);
        }
    }

    @Test
    void aRevokedHostKeyIsRefusedEvenBesideATrustedOne() throws Exception {
        upstream.write("compose.yaml", "services: {}\n");
        upstream.commit("Add the web app");
        Files.writeString(knownHosts, "@revoked " + server.knownHostsLine() + server.knownHostsLine());

        try (GitSource source = source(branch("main"))) {
            assertThatThrownBy(source::fetch)
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessageContaining("marked as revoked in the known_hosts file " + knownHosts);
        }
    }

    @Test
    void aKeyTheServerDoesNotAuthoriseIsAPermanentAuthenticationFailure() throws Exception {
        upstream.write("compose.yaml", "services: {}\n");
        upstream.commit("Add the web app");
        SourceSpec spec = branch("main").withCredentials(Credentials.sshKey(server.strangerKey(), knownHosts));

        try (GitSource source = source(spec)) {
            assertThatThrownBy(source::fetch)
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessageStartingWith("authentication failed for " + spec.url())
                    .hasMessageContaining(server.strangerKey().toString());
        }
    }
}
