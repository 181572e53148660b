package dev.driftless.providers.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tag patterns, pinned commits and sub-paths, where they differ from following a branch. */
class GitSourceRefsTest {

    @TempDir
    Path temp;

    private Upstream upstream;
    private final AtomicInteger transfers = new AtomicInteger();

    @BeforeEach
    void createUpstream() throws Exception {
        upstream = Upstream.create(temp.resolve("fleet"));
    }

    @AfterEach
    void closeUpstream() {
        upstream.close();
    }

    private GitSource source(SourceRef ref) {
        return source(new SourceSpec(upstream.fileUrl(), ref));
    }

    private GitSource source(SourceSpec spec) {
        return new GitSource(spec, temp.resolve("cache"), Duration.ofSeconds(5), new SourceEvents() {
            @Override
            public void transferring() {
                transfers.incrementAndGet();
            }
        });
    }

    @Test
    void anAnnotatedTagIsFollowedToItsCommit() throws Exception {
        upstream.write("compose.yaml", "services: {}\n");
        String release = upstream.commit("Release 1.0");
        upstream.annotatedTag("v1.0.0");

        try (GitSource source = source(new SourceRef.TagPattern("v*"))) {
            Revision revision = source.fetch();

            assertThat(revision.commitId()).isEqualTo(release);
            assertThat(revision.subject()).isEqualTo("Release 1.0");
        }
        try (Repository cache = new FileRepositoryBuilder().setGitDir(temp.resolve("cache").toFile()).build()) {
            assertThat(cache.exactRef("refs/tags/v1.0.0")).as("the chosen tag is kept").isNotNull();
            assertThat(cache.exactRef(RemoteFetch.SELECTED_TAG_REF).getObjectId().name()).isEqualTo(release);
        }
    }

    @Test
    void whenTheNewestTagIsDeletedTheSourceGoesBackToTheNewestLeftWithoutFetching() throws Exception {
        upstream.write("compose.yaml", "services: {web: {image: nginx:1.0}}\n");
        String one = upstream.commit("Release 1.0");
        upstream.tag("v1.0.0");
        upstream.write("compose.yaml", "services: {web: {image: nginx:1.1}}\n");
        String two = upstream.commit("Release 1.1");
        upstream.tag("v1.1.0");

        try (GitSource source = source(new SourceRef.TagPattern("v*"))) {
            assertThat(source.fetch().commitId()).isEqualTo(two);
            upstream.deleteTag("v1.1.0");

            assertThat(source.fetch().commitId()).isEqualTo(one);
            assertThat(source.cachedRevision()).map(Revision::commitId).contains(one);
        }
        assertThat(transfers).as("v1.0.0 came with the history of v1.1.0... but as a tag it is fetched once").hasValue(2);
    }

    @Test
    void aTagPatternThatNoTagMatchesIsAPermanentErrorThatKeepsTheLastRevision() throws Exception {
        upstream.write("compose.yaml", "services: {}\n");
        upstream.commit("Release 1.0");
        upstream.tag("v1.0.0");
        upstream.tag("latest");

        try (GitSource source = source(new SourceRef.TagPattern("v*"))) {
            Revision before = source.fetch();
            upstream.deleteTag("v1.0.0");

            assertThatThrownBy(source::fetch)
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessage("no tag at " + upstream.fileUrl().replaceAll("/$", "")
                            + " matches 'v*' and names a semantic version (pre-releases left out) among its 1 tags");
            assertThat(source.cachedRevision()).contains(before);
        }
    }

    @Test
    void aPinnedCommitThatTheRemoteDoesNotHaveIsAPermanentError() throws Exception {
        upstream.write("compose.yaml", "services: {}\n");
        upstream.commit("Add the web app");

        try (GitSource source = source(new SourceRef.Commit("0123456789abcdef0123456789abcdef01234567"))) {
            assertThatThrownBy(source::fetch)
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessageContaining("commit 0123456789ab is not a commit of");
            assertThat(source.cachedRevision()).isEmpty();
        }
    }

    @Test
    void aPinnedCommitStaysWhileTheBranchMovesOn() throws Exception {
        upstream.write("compose.yaml", "services: {web: {image: nginx:1.25}}\n");
        String pinned = upstream.commit("Run nginx 1.25");

        try (GitSource source = source(new SourceRef.Commit(pinned))) {
            assertThat(source.fetch().commitId()).isEqualTo(pinned);
            upstream.write("compose.yaml", "services: {web: {image: nginx:1.27}}\n");
            upstream.commit("Run nginx 1.27");

            assertThat(source.fetch().commitId()).isEqualTo(pinned);
            assertThat(source.cachedRevision()).map(Revision::commitId).contains(pinned);
        }
        assertThat(transfers).hasValue(1);
    }

    @Test
    void aCacheOfAnEarlierPinIsNotTakenForTheNewOne() throws Exception {
        upstream.write("compose.yaml", "services: {web: {image: nginx:1.25}}\n");
        String first = upstream.commit("Run nginx 1.25");
        upstream.write("compose.yaml", "services: {web: {image: nginx:1.27}}\n");
        String second = upstream.commit("Run nginx 1.27");
        try (GitSource source = source(new SourceRef.Commit(first))) {
            source.fetch();
        }

        try (GitSource repinned = source(new SourceRef.Commit(second))) {
            assertThat(repinned.cachedRevision()).isEmpty();
            assertThat(repinned.fetch().commitId()).isEqualTo(second);
        }
    }

    @Test
    void aSubPathMissingFromARevisionIsAPermanentErrorForThatRevision() throws Exception {
        upstream.write("apps/prod/compose.yaml", "services: {}\n");
        String with = upstream.commit("Add prod");
        upstream.delete("apps/prod/compose.yaml").write("apps/staging/compose.yaml", "services: {}\n");
        String without = upstream.commit("Replace prod by staging");

        try (GitSource source = source(new SourceSpec(upstream.fileUrl(), "main").withPath("apps/prod"))) {
            assertThat(source.fetch().commitId()).isEqualTo(without);

            assertThatThrownBy(() -> source.tree(without))
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessageContaining("has no folder 'apps/prod'");
            assertThat(source.tree(with).paths()).containsExactly("compose.yaml");
        }
    }

    @Test
    void aSubPathNamingAFileIsNoFolder() throws Exception {
        upstream.write("apps/compose.yaml", "services: {}\n");
        String head = upstream.commit("Add an app");

        try (GitSource source = source(new SourceSpec(upstream.fileUrl(), "main").withPath("apps/compose.yaml"))) {
            source.fetch();

            assertThatThrownBy(() -> source.tree(head)).hasMessageContaining("has no folder 'apps/compose.yaml'");
        }
    }
}
