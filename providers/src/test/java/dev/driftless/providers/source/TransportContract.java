package dev.driftless.providers.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every transport must do alike, run once per transport by its subclasses against a real
 * remote: follow a branch, a tag pattern and a pinned commit, root a tree at a sub-path, cost
 * one listing and no fetch when nothing changed, move with a force-push, and keep the last
 * revision when the branch is deleted.
 */
abstract class TransportContract {

    private static final AtomicInteger REPOSITORIES = new AtomicInteger();

    @TempDir
    Path temp;

    protected Upstream upstream;
    protected final AtomicInteger transfers = new AtomicInteger();
    protected final AtomicInteger listings = new AtomicInteger();
    private RemoteHeads heads;

    /** The folder the transport's server serves repositories from. */
    abstract Path repositories();

    /** A source for the upstream over this transport, with credentials the server accepts. */
    abstract SourceSpec spec(Upstream upstream, SourceRef ref);

    /** The environment secrets are read from; empty unless a transport needs one. */
    Map<String, String> environment() {
        return Map.of();
    }

    @BeforeEach
    void createUpstreamAndHeads() throws Exception {
        upstream = Upstream.create(repositories().resolve("fleet-" + REPOSITORIES.incrementAndGet()));
        heads = new RemoteHeads(new RemoteAccess(Duration.ofSeconds(10), environment()::get),
                key -> listings.incrementAndGet());
    }

    @AfterEach
    void closeUpstreamAndHeads() {
        upstream.close();
        heads.close();
    }

    GitSource source(SourceSpec spec) {
        return source(spec, temp.resolve("cache"));
    }

    GitSource source(SourceSpec spec, Path cache) {
        return new GitSource(spec, cache, heads, new SourceEvents() {
            @Override
            public void transferring() {
                transfers.incrementAndGet();
            }
        });
    }

    RemoteHeads heads() {
        return heads;
    }

    SourceSpec branch(String name) {
        return spec(upstream, new SourceRef.Branch(name));
    }

    @Test
    void fetchesTheHeadOfABranchAndReadsItsTree() throws Exception {
        upstream.write("web/compose.yaml", "services: {web: {image: nginx}}\n");
        String head = upstream.commit("Add the web app");

        try (GitSource source = source(branch("main"))) {
            Revision revision = source.fetch();

            assertThat(revision.commitId()).isEqualTo(head);
            assertThat(revision.subject()).isEqualTo("Add the web app");
            assertThat(source.tree(head).readText("web/compose.yaml")).contains("services: {web: {image: nginx}}\n");
        }
    }

    @Test
    void anUnchangedRemoteCostsOneListingPerFetchAndNoTransfer() throws Exception {
        upstream.write("compose.yaml", "services: {}\n");
        upstream.commit("Add the web app");

        try (GitSource source = source(branch("main"))) {
            Revision first = source.fetch();
            assertThat(source.fetch()).isEqualTo(first);
            assertThat(source.fetch()).isEqualTo(first);
        }
        assertThat(listings).hasValue(3);
        assertThat(transfers).hasValue(1);
    }

    @Test
    void aForcePushMovesTheRevisionAndTheAbandonedCommitStaysReadable() throws Exception {
        upstream.write("compose.yaml", "services: {web: {image: nginx:1.25}}\n");
        String base = upstream.commit("Run nginx 1.25");
        upstream.write("compose.yaml", "services: {web: {image: nginx:1.26}}\n");
        String abandoned = upstream.commit("Run nginx 1.26");

        try (GitSource source = source(branch("main"))) {
            assertThat(source.fetch().commitId()).isEqualTo(abandoned);
            upstream.resetHard(base);
            upstream.write("compose.yaml", "services: {web: {image: nginx:1.27}}\n");
            String rewritten = upstream.commit("Run nginx 1.27 instead");

            assertThat(source.fetch().commitId()).isEqualTo(rewritten);
            assertThat(source.tree(abandoned).readText("compose.yaml")).contains("services: {web: {image: nginx:1.26}}\n");
            assertThat(source.tree(base).readText("compose.yaml")).contains("services: {web: {image: nginx:1.25}}\n");
        }
    }

    @Test
    void aDeletedBranchIsAPermanentErrorThatKeepsTheLastRevision() throws Exception {
        upstream.write("compose.yaml", "services: {}\n");
        upstream.commit("Add the web app");
        upstream.createBranch("release");

        try (GitSource source = source(branch("release"))) {
            Revision before = source.fetch();
            upstream.deleteBranch("release");

            assertThatThrownBy(source::fetch)
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessage("branch 'release' not found at " + source.spec().url());
            assertThat(source.cachedRevision()).contains(before);
            assertThat(source.tree(before.commitId()).paths()).containsExactly("compose.yaml");
        }
    }

    @Test
    void aTagPatternFollowsTheNewestSemanticVersionAndMovesWithANewTag() throws Exception {
        upstream.write("compose.yaml", "services: {web: {image: nginx:1.9}}\n");
        String nine = upstream.commit("Release 1.9");
        upstream.annotatedTag("v1.9.0");
        upstream.write("compose.yaml", "services: {web: {image: nginx:1.10}}\n");
        String ten = upstream.commit("Release 1.10");
        upstream.tag("v1.10.0");
        upstream.write("compose.yaml", "services: {web: {image: nginx:2.0-rc}}\n");
        upstream.commit("Try 2.0");
        upstream.annotatedTag("v2.0.0-rc.1");
        upstream.tag("latest");

        try (GitSource source = source(spec(upstream, new SourceRef.TagPattern("v*")))) {
            assertThat(source.fetch().commitId()).isEqualTo(ten);
            assertThat(source.fetch().commitId()).as("unchanged tags fetch nothing").isEqualTo(ten);
            assertThat(transfers).hasValue(1);

            upstream.write("compose.yaml", "services: {web: {image: nginx:1.11}}\n");
            String eleven = upstream.commit("Release 1.11");
            upstream.annotatedTag("v1.11.0");

            assertThat(source.fetch().commitId()).isEqualTo(eleven);
            assertThat(source.cachedRevision()).map(Revision::commitId).contains(eleven);
            assertThat(source.tree(nine).readText("compose.yaml")).contains("services: {web: {image: nginx:1.9}}\n");
        }
    }

    @Test
    void aPinnedCommitIsFetchedOnceAndNeverAsksTheRemoteAgain() throws Exception {
        upstream.write("compose.yaml", "services: {web: {image: nginx:1.25}}\n");
        String pinned = upstream.commit("Run nginx 1.25");
        upstream.write("compose.yaml", "services: {web: {image: nginx:1.27}}\n");
        upstream.commit("Run nginx 1.27");

        try (GitSource source = source(spec(upstream, new SourceRef.Commit(pinned)))) {
            assertThat(source.fetch().commitId()).isEqualTo(pinned);
            assertThat(source.fetch().commitId()).isEqualTo(pinned);
            assertThat(source.tree(pinned).readText("compose.yaml")).contains("services: {web: {image: nginx:1.25}}\n");
        }
        assertThat(listings).as("a pinned commit needs no listing").hasValue(0);
        assertThat(transfers).hasValue(1);
    }

    @Test
    void aSubPathRootsTheTreeAtThatFolder() throws Exception {
        upstream.write("apps/prod/web/compose.yaml", "services: {web: {image: nginx}}\n")
                .write("apps/prod/driftless.yaml", "apps: {}\n")
                .write("apps/staging/web/compose.yaml", "services: {web: {image: caddy}}\n")
                .write("README.md", "the fleet\n");
        String head = upstream.commit("Two environments");

        try (GitSource source = source(branch("main").withPath("apps/prod"))) {
            source.fetch();

            assertThat(source.tree(head).paths()).containsExactlyInAnyOrder("driftless.yaml", "web/compose.yaml");
            assertThat(source.tree(head).readText("web/compose.yaml")).contains("services: {web: {image: nginx}}\n");
            assertThat(source.tree(head).readText("README.md")).isEmpty();
        }
    }
}
