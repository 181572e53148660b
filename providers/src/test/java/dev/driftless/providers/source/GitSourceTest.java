package dev.driftless.providers.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.manifests.layout.RepoTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GitSourceTest {

    @TempDir
    Path temp;

    private Upstream upstream;
    private Path cache;
    private final AtomicInteger transfers = new AtomicInteger();
    private final List<String> recreations = new ArrayList<>();
    private final SourceEvents events = new SourceEvents() {
        @Override
        public void transferring() {
            transfers.incrementAndGet();
        }

        @Override
        public void cacheRecreated(String reason) {
            recreations.add(reason);
        }
    };

    @BeforeEach
    void createUpstream() throws Exception {
        upstream = Upstream.create(temp.resolve("fleet"));
        cache = temp.resolve("cache");
    }

    @AfterEach
    void closeUpstream() {
        upstream.close();
    }

    private GitSource source(String url, String branch) {
        return new GitSource(new SourceSpec(url, branch), cache, Duration.ofSeconds(5), events);
    }

    private GitSource source() {
        return source(upstream.fileUrl(), "main");
    }

    @Nested
    class Fetching {

        @Test
        void firstFetchOfAFileUrlReturnsTheHeadOfTheBranch() throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            String head = upstream.commit("Add the web app\n\nWith a longer explanation\nover two lines.");

            try (GitSource source = source()) {
                Revision revision = source.fetch();

                assertThat(revision.commitId()).isEqualTo(head);
                assertThat(revision.subject()).isEqualTo("Add the web app");
                assertThat(revision.author()).isEqualTo("Alice Example <alice@example.com>");
                assertThat(revision.committedAt()).isEqualTo(Upstream.FIRST_COMMIT_TIME);
            }
        }

        @Test
        void theCacheIsABareRepositoryWithoutAWorkingTree() throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            String head = upstream.commit("Add the web app");

            try (GitSource source = source()) {
                source.fetch();
            }

            assertThat(cache.resolve("compose.yaml")).doesNotExist();
            try (Repository repository = new FileRepositoryBuilder().setGitDir(cache.toFile()).setMustExist(true).build()) {
                assertThat(repository.isBare()).isTrue();
                assertThat(repository.exactRef("refs/heads/main").getObjectId().name()).isEqualTo(head);
            }
        }

        @Test
        void firstFetchOfAnAbsolutePlainPathWorks() throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            String head = upstream.commit("Add the web app");

            try (GitSource source = source(upstream.directory().toString(), "main")) {
                assertThat(source.spec().url()).startsWith("file:///").doesNotEndWith("/");
                assertThat(source.fetch().commitId()).isEqualTo(head);
            }
        }

        @Test
        void firstFetchOfARelativePlainPathWorks() throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            String head = upstream.commit("Add the web app");
            Path relative = Path.of("").toAbsolutePath().relativize(upstream.directory());

            try (GitSource source = source(relative.toString(), "main")) {
                assertThat(source.spec().url()).isEqualTo(new SourceSpec(upstream.fileUrl(), "main").url());
                assertThat(source.fetch().commitId()).isEqualTo(head);
            }
        }

        @Test
        void aPathWithASpaceIsFetchedThroughItsEscapedFileUri() throws Exception {
            try (Upstream spaced = Upstream.create(temp.resolve("my fleet"))) {
                spaced.write("compose.yaml", "services: {}\n");
                String head = spaced.commit("Add the web app");

                try (GitSource source = source(spaced.directory().toString(), "main")) {
                    assertThat(source.spec().url()).endsWith("/my%20fleet");
                    assertThat(source.fetch().commitId()).isEqualTo(head);
                }
            }
        }

        @Test
        void aNewCommitIsSeenByTheNextFetch() throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            String first = upstream.commit("Add the web app");

            try (GitSource source = source()) {
                assertThat(source.fetch().commitId()).isEqualTo(first);
                upstream.write("compose.yaml", "services: {web: {image: nginx}}\n");
                String second = upstream.commit("Run nginx");

                Revision revision = source.fetch();

                assertThat(revision.commitId()).isEqualTo(second);
                assertThat(revision.subject()).isEqualTo("Run nginx");
            }
        }

        @Test
        void anUnchangedRemoteReturnsTheSameRevisionWithoutFetchingObjects() throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            upstream.commit("Add the web app");

            try (GitSource source = source()) {
                Revision first = source.fetch();
                assertThat(transfers).hasValue(1);

                assertThat(source.fetch()).isEqualTo(first);
                assertThat(source.fetch()).isEqualTo(first);
                assertThat(transfers).hasValue(1);

                upstream.write("compose.yaml", "services: {web: {image: nginx}}\n");
                upstream.commit("Run nginx");
                assertThat(source.fetch()).isNotEqualTo(first);
                assertThat(transfers).hasValue(2);
            }
        }

        @Test
        void aRestartedSourceWithAnUpToDateCacheFetchesNothing() throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            String head = upstream.commit("Add the web app");
            try (GitSource source = source()) {
                source.fetch();
            }

            try (GitSource restarted = source()) {
                assertThat(restarted.cachedRevision()).map(Revision::commitId).contains(head);
                assertThat(restarted.fetch().commitId()).isEqualTo(head);
            }
            assertThat(transfers).hasValue(1);
            assertThat(recreations).as("a healthy cache is reused as it is").isEmpty();
        }

        @Test
        void aForcePushMovesTheRevisionToTheRewrittenHistory() throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            String base = upstream.commit("Add the web app");
            upstream.write("compose.yaml", "services: {web: {image: nginx:1.25}}\n");
            String abandoned = upstream.commit("Run nginx 1.25");

            try (GitSource source = source()) {
                assertThat(source.fetch().commitId()).isEqualTo(abandoned);
                upstream.resetHard(base);
                upstream.write("compose.yaml", "services: {web: {image: nginx:1.27}}\n");
                String rewritten = upstream.commit("Run nginx 1.27 instead");

                assertThat(source.fetch().commitId()).isEqualTo(rewritten);
                assertThat(source.cachedRevision()).map(Revision::commitId).contains(rewritten);
                // the abandoned commit stays readable, for history and rollback
                assertThat(source.tree(abandoned).readText("compose.yaml")).contains("services: {web: {image: nginx:1.25}}\n");
            }
        }

        @Test
        void nothingIsCachedBeforeTheFirstFetch() throws Exception {
            try (GitSource source = source()) {
                assertThat(source.cachedRevision()).isEmpty();
            }
        }

        @Test
        void aClosedSourceRefusesToBeUsed() {
            GitSource source = source();
            source.close();

            assertThatThrownBy(source::fetch).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    @Nested
    class Failures {

        @Test
        void aMissingBranchIsAPermanentErrorAndKeepsTheCachedRevision() throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            upstream.commit("Add the web app");
            upstream.createBranch("release");

            try (GitSource source = source(upstream.fileUrl(), "release")) {
                Revision before = source.fetch();
                upstream.deleteBranch("release");

                assertThatThrownBy(source::fetch)
                        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                        .hasMessage("branch 'release' not found at " + source.spec().url());

                assertThat(source.cachedRevision()).contains(before);
                assertThat(source.tree(before.commitId()).paths()).containsExactly("compose.yaml");
            }
            try (Repository repository = new FileRepositoryBuilder().setGitDir(cache.toFile()).build()) {
                assertThat(repository.exactRef("refs/heads/release")).isNotNull();
            }
        }

        @Test
        void aBranchThatNeverExistedIsAPermanentError() throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            upstream.commit("Add the web app");

            try (GitSource source = source(upstream.fileUrl(), "nope")) {
                assertThatThrownBy(source::fetch)
                        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                        .hasMessageContaining("branch 'nope' not found at file:///");
            }
        }

        @Test
        void aRepositoryThatDoesNotExistIsAnErrorNamingTheUrl() {
            String url = temp.resolve("no-such-repo").toUri().toString();

            try (GitSource source = source(url, "main")) {
                assertThatThrownBy(source::fetch)
                        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                        .hasMessageContaining(source.spec().url())
                        .hasMessageContaining("main");
            }
        }

        @Test
        void anUnreachableHostIsATransientErrorNamingTheUrl() {
            // Port 1 on the loopback interface: nothing listens, the connection is refused at once.
            String url = "http://127.0.0.1:1/acme/fleet.git";

            try (GitSource source = source(url, "main")) {
                assertThatThrownBy(source::fetch)
                        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isTrue())
                        .hasMessageContaining(url)
                        .hasMessageContaining("branch 'main'");
            }
        }

        @Test
        void aCommitThatWasNeverFetchedIsAPermanentError() throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            upstream.commit("Add the web app");

            try (GitSource source = source()) {
                source.fetch();

                assertThatThrownBy(() -> source.tree("0123456789abcdef0123456789abcdef01234567"))
                        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                        .hasMessageContaining("0123456789ab")
                        .hasMessageContaining("not in the local cache");
                assertThatThrownBy(() -> source.tree("HEAD~1"))
                        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                        .hasMessageContaining("not a full commit id");
            }
        }

        @Test
        void aCacheDirectoryHoldingSomethingElseIsNeverDeleted() throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            upstream.commit("Add the web app");
            Files.createDirectories(cache);
            Files.writeString(cache.resolve("notes.txt"), "precious");

            try (GitSource source = source()) {
                assertThatThrownBy(source::fetch)
                        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                        .hasMessageContaining("does not look like a git repository");
            }
            assertThat(cache.resolve("notes.txt")).hasContent("precious");
        }
    }

    @Nested
    class DamagedCache {

        /** Ways a crash, a full disk or a person can leave the cache. */
        enum Damage {
            STALE_REF_LOCK("refs/heads/main.lock") {
                @Override
                void apply(Path cache) throws IOException {
                    Files.writeString(cache.resolve("refs/heads/main.lock"), "");
                }
            },
            STALE_CONFIG_LOCK("config.lock") {
                @Override
                void apply(Path cache) throws IOException {
                    Files.writeString(cache.resolve("config.lock"), "[core]\n");
                }
            },
            OBJECTS_DELETED("not a git repository") {
                @Override
                void apply(Path cache) throws IOException {
                    deleteTree(cache.resolve("objects"));
                }
            },
            OBJECTS_EMPTIED("missing") {
                @Override
                void apply(Path cache) throws IOException {
                    deleteTree(cache.resolve("objects"));
                    Files.createDirectories(cache.resolve("objects/pack"));
                }
            },
            GARBAGE_HEAD("HEAD") {
                @Override
                void apply(Path cache) throws IOException {
                    Files.writeString(cache.resolve("HEAD"), "\u0000\u0001 not a ref\n");
                }
            },
            GARBAGE_BRANCH_REF("refs/heads/main") {
                @Override
                void apply(Path cache) throws IOException {
                    Files.writeString(cache.resolve("refs/heads/main"), "this is not an object id\n");
                }
            },
            GARBAGE_CONFIG("cannot be opened") {
                @Override
                void apply(Path cache) throws IOException {
                    Files.writeString(cache.resolve("config"), "[core\n\tbare = maybe\n");
                }
            };

            /** A part of the reason the source gives for re-creating the cache. */
            final String reason;

            Damage(String reason) {
                this.reason = reason;
            }

            abstract void apply(Path cache) throws IOException;
        }

        @ParameterizedTest
        @EnumSource(Damage.class)
        void aCacheDamagedByACrashIsRecreatedByTheNextFetch(Damage damage) throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            String first = upstream.commit("Add the web app");
            try (GitSource source = source()) {
                source.fetch();
            }
            looseRefsOnly(cache);
            damage.apply(cache);
            upstream.write("compose.yaml", "services: {web: {image: nginx}}\n");
            String second = upstream.commit("Run nginx");

            try (GitSource restarted = source()) {
                assertThat(restarted.fetch().commitId()).isEqualTo(second);
                assertThat(restarted.tree(second).readText("compose.yaml")).contains("services: {web: {image: nginx}}\n");
                assertThat(restarted.tree(first).paths()).containsExactly("compose.yaml");
            }
            assertThat(recreations).singleElement().asString().contains(damage.reason);
            try (Stream<Path> files = Files.walk(cache)) {
                assertThat(files.filter(f -> f.toString().endsWith(".lock"))).isEmpty();
            }
        }

        @Test
        void aCacheWithTheSameHeadButMissingObjectsIsRecreatedRatherThanTrusted() throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            String head = upstream.commit("Add the web app");
            try (GitSource source = source()) {
                source.fetch();
            }
            deleteTree(cache.resolve("objects"));
            Files.createDirectories(cache.resolve("objects/pack"));

            try (GitSource restarted = source()) {
                assertThat(restarted.fetch().commitId()).isEqualTo(head);
                assertThat(restarted.tree(head).readText("compose.yaml")).contains("services: {}\n");
            }
            assertThat(transfers).hasValue(2);
            assertThat(recreations).singleElement().asString().contains("missing");
        }

        @Test
        void aLockLeftWhileTheSourceIsOpenIsRecoveredFromOnTheNextFetch() throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            upstream.commit("Add the web app");

            try (GitSource source = source()) {
                source.fetch();
                looseRefsOnly(cache);
                Files.writeString(cache.resolve("refs/heads/main.lock"), "");
                upstream.write("compose.yaml", "services: {web: {image: nginx}}\n");
                String second = upstream.commit("Run nginx");

                assertThat(source.fetch().commitId()).isEqualTo(second);
            }
            assertThat(recreations).singleElement().asString().contains("LOCK_FAILURE");
        }

        @Test
        void aCacheDamagedAgainRightAfterBeingRecreatedIsReportedInsteadOfRetriedForever() throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            upstream.commit("Add the web app");
            Files.createDirectories(cache.resolve("refs/heads"));
            Files.writeString(cache.resolve("HEAD"), "ref: refs/heads/main\n");
            Files.writeString(cache.resolve("refs/heads/main.lock"), "");
            SourceEvents crashingAgain = new SourceEvents() {
                @Override
                public void cacheRecreated(String reason) {
                    recreations.add(reason);
                    try {
                        Files.createDirectories(cache.resolve("refs/heads"));
                        Files.writeString(cache.resolve("HEAD"), "ref: refs/heads/main\n");
                        Files.writeString(cache.resolve("refs/heads/main.lock"), "");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };

            try (GitSource source = new GitSource(new SourceSpec(upstream.fileUrl(), "main"), cache,
                    Duration.ofSeconds(5), crashingAgain)) {
                assertThatThrownBy(source::fetch)
                        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isTrue())
                        .hasMessageContaining("still unusable after being re-created")
                        .hasMessageContaining("refs/heads/main.lock");
            }
            assertThat(recreations).hasSize(1);
        }

        @Test
        void aReadFailureMarksTheCacheSoTheNextFetchRecreatesIt() throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            String head = upstream.commit("Add the web app");

            try (GitSource source = source()) {
                source.fetch();
            }
            Files.writeString(cache.resolve("config.lock"), "");
            try (GitSource restarted = source()) {
                assertThatThrownBy(() -> restarted.tree(head))
                        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isTrue())
                        .hasMessageContaining("config.lock")
                        .hasMessageContaining("the next fetch re-creates it");

                assertThat(restarted.fetch().commitId()).isEqualTo(head);
                assertThat(restarted.tree(head).paths()).containsExactly("compose.yaml");
            }
            assertThat(recreations).singleElement().asString().contains("config.lock");
        }

        /** Fetches may write refs into packed-refs; the damages above are aimed at loose refs. */
        private void looseRefsOnly(Path cache) throws IOException {
            Path branch = cache.resolve("refs/heads/main");
            if (!Files.exists(branch)) {
                try (Repository repository = new FileRepositoryBuilder().setGitDir(cache.toFile()).build()) {
                    Files.createDirectories(branch.getParent());
                    Files.writeString(branch, repository.exactRef("refs/heads/main").getObjectId().name() + "\n");
                }
            }
        }
    }

    @Nested
    class Trees {

        @Test
        void aTreeListsEveryFileAndReadsTextAtAnOlderRevisionToo() throws Exception {
            upstream.write("web/compose.yaml", "services: {web: {image: nginx}}\n")
                    .write("db/compose.yaml", "services: {db: {image: postgres}}\n")
                    .write("README.md", "the fleet\n");
            String first = upstream.commit("Add web and db");
            upstream.delete("db/compose.yaml")
                    .write("web/compose.yaml", "services: {web: {image: caddy}}\n")
                    .write("web/env/production.env", "PORT=80\n");
            String second = upstream.commit("Move web to caddy, drop db");

            try (GitSource source = source()) {
                source.fetch();
                RepoTree old = source.tree(first);
                RepoTree current = source.tree(second);

                assertThat(old.paths()).containsExactlyInAnyOrder("README.md", "db/compose.yaml", "web/compose.yaml");
                assertThat(old.readText("web/compose.yaml")).contains("services: {web: {image: nginx}}\n");
                assertThat(current.paths())
                        .containsExactlyInAnyOrder("README.md", "web/compose.yaml", "web/env/production.env");
                assertThat(current.readText("web/compose.yaml")).contains("services: {web: {image: caddy}}\n");
                assertThat(current.readText("db/compose.yaml")).isEmpty();
                assertThat(current.readText("web")).isEmpty();
                assertThat(current.readText("web/")).isEmpty();
            }
        }

        @Test
        void aTreeAcceptsAnUpperCaseCommitId() throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            String head = upstream.commit("Add the web app");

            try (GitSource source = source()) {
                source.fetch();

                assertThat(source.tree(head.toUpperCase()).paths()).containsExactly("compose.yaml");
            }
        }

        @Test
        void symbolicLinksAndSubmodulesAreNotFiles() throws Exception {
            try (Upstream library = Upstream.create(temp.resolve("library"))) {
                library.write("lib.txt", "a library\n");
                library.commit("A library");
                upstream.write("compose.yaml", "services: {}\n");
                Files.createSymbolicLink(upstream.directory().resolve("link.yaml"), Path.of("compose.yaml"));
                Files.writeString(temp.resolve("outside.yaml"), "not in the repository\n");
                Files.createSymbolicLink(upstream.directory().resolve("escape.yaml"), Path.of("../outside.yaml"));
                upstream.git().submoduleAdd().setPath("vendor/library").setURI(library.fileUrl()).call().close();
                String head = upstream.commit("A link and a submodule");

                try (GitSource source = source()) {
                    source.fetch();
                    RepoTree tree = source.tree(head);

                    assertThat(tree.paths()).containsExactlyInAnyOrder(".gitmodules", "compose.yaml");
                    assertThat(tree.readText("link.yaml")).isEmpty();
                    assertThat(tree.readText("escape.yaml")).isEmpty();
                    assertThat(tree.readText("vendor/library")).isEmpty();
                    assertThat(tree.readText("vendor/library/lib.txt")).isEmpty();
                }
            }
        }

        @Test
        void aFileOverOneMebibyteIsRefusedWithItsPathAndCommit() throws Exception {
            upstream.write("big.yaml", new byte[CommitTree.MAX_FILE_BYTES + 1])
                    .write("limit.yaml", "x".repeat(CommitTree.MAX_FILE_BYTES));
            String head = upstream.commit("Add big files");

            try (GitSource source = source()) {
                source.fetch();
                RepoTree tree = source.tree(head);

                assertThat(tree.paths()).contains("big.yaml");
                assertThatThrownBy(() -> tree.readText("big.yaml"))
                        .isInstanceOf(UncheckedIOException.class)
                        .hasMessageContaining("big.yaml")
                        .hasMessageContaining(head.substring(0, 12))
                        .hasMessageContaining("1 MiB");
                assertThat(tree.readText("limit.yaml")).hasValueSatisfying(text -> assertThat(text).hasSize(CommitTree.MAX_FILE_BYTES));
            }
        }

        @Test
        void textIsDecodedAsUtf8AndOtherBytesAreRefused() throws Exception {
            upstream.write("compose.yaml", "# café ☕\nservices: {}\n")
                    .write("logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff, (byte) 0xfe});
            String head = upstream.commit("Add a logo");

            try (GitSource source = source()) {
                source.fetch();
                RepoTree tree = source.tree(head);

                assertThat(tree.readText("compose.yaml")).contains("# café ☕\nservices: {}\n");
                assertThatThrownBy(() -> tree.readText("logo.png"))
                        .isInstanceOf(UncheckedIOException.class)
                        .hasMessageContaining("logo.png")
                        .hasMessageContaining("not valid UTF-8");
            }
        }

        @Test
        void theListOfPathsCannotBeChangedByTheCaller() throws Exception {
            upstream.write("compose.yaml", "services: {}\n");
            String head = upstream.commit("Add the web app");

            try (GitSource source = source()) {
                source.fetch();
                RepoTree tree = source.tree(head);

                assertThatThrownBy(() -> tree.paths().add("other.yaml")).isInstanceOf(UnsupportedOperationException.class);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
