package dev.driftless.providers.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One remote check per repository and round, however many sources follow it. */
class RemoteHeadsTest {

    @TempDir
    Path temp;

    private Upstream upstream;
    private final List<RemoteKey> listed = new ArrayList<>();
    private final AtomicInteger transfers = new AtomicInteger();
    private RemoteHeads heads;
    private final List<GitSource> sources = new ArrayList<>();

    @BeforeEach
    void createUpstream() throws Exception {
        upstream = Upstream.create(temp.resolve("fleet"));
        upstream.write("apps/web/compose.yaml", "services: {web: {image: nginx}}\n")
                .write("apps/db/compose.yaml", "services: {db: {image: postgres}}\n");
        upstream.commit("Add web and db");
        upstream.annotatedTag("v1.0.0");
        upstream.createBranch("release");
        heads = new RemoteHeads(new RemoteAccess(Duration.ofSeconds(5), name -> null), key -> {
            synchronized (listed) {
                listed.add(key);
            }
        });
    }

    @AfterEach
    void close() {
        sources.forEach(GitSource::close);
        heads.close();
        upstream.close();
    }

    private GitSource source(SourceSpec spec) {
        GitSource source = new GitSource(spec, temp.resolve("cache-" + sources.size()), heads, new SourceEvents() {
            @Override
            public void transferring() {
                transfers.incrementAndGet();
            }
        });
        sources.add(source);
        return source;
    }

    /** Ten sources, as ten apps in one repository might follow it: branches, folders and tags. */
    private List<GitSource> tenSourcesOnTheRepository() {
        SourceSpec main = new SourceSpec(upstream.fileUrl(), "main");
        List<GitSource> ten = new ArrayList<>();
        for (String folder : List.of("", "apps/web", "apps/db")) {
            ten.add(source(main.withPath(folder)));
            ten.add(source(main.withRef(new SourceRef.Branch("release")).withPath(folder)));
            ten.add(source(main.withRef(new SourceRef.TagPattern("v*")).withPath(folder)));
        }
        ten.add(source(main.withRef(new SourceRef.TagPattern("v1.*", true))));
        return ten;
    }

    @Test
    void oneListingAnswersEverySourceOnTheRepositoryInARound() throws Exception {
        List<GitSource> ten = tenSourcesOnTheRepository();

        RemoteHeads.Round round = heads.newRound();
        for (GitSource source : ten) {
            source.fetch(round);
        }

        assertThat(listed).containsExactly(new SourceSpec(upstream.fileUrl(), "main").remote());
        assertThat(transfers).as("each new cache fetches once").hasValue(10);
    }

    @Test
    void theNextRoundListsAgainAndAnUnchangedRemoteFetchesNothing() throws Exception {
        List<GitSource> ten = tenSourcesOnTheRepository();
        RemoteHeads.Round first = heads.newRound();
        for (GitSource source : ten) {
            source.fetch(first);
        }

        RemoteHeads.Round second = heads.newRound();
        for (GitSource source : ten) {
            source.fetch(second);
        }

        assertThat(listed).hasSize(2);
        assertThat(transfers).hasValue(10);
    }

    @Test
    void aRoundAnswersFromItsListingSoAMoveAfterItIsSeenByTheNextRound() throws Exception {
        GitSource source = source(new SourceSpec(upstream.fileUrl(), "main"));
        RemoteHeads.Round round = heads.newRound();
        Revision before = source.fetch(round);

        upstream.write("apps/web/compose.yaml", "services: {web: {image: caddy}}\n");
        String after = upstream.commit("Move web to caddy");

        assertThat(source.fetch(round)).isEqualTo(before);
        assertThat(source.fetch(heads.newRound()).commitId()).isEqualTo(after);
        assertThat(listed).hasSize(2);
    }

    @Test
    void sourcesFetchedInParallelStillShareOneListing() throws Exception {
        List<GitSource> ten = tenSourcesOnTheRepository();
        RemoteHeads.Round round = heads.newRound();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Revision>> fetches = new ArrayList<>();
            for (GitSource source : ten) {
                fetches.add(pool.submit(() -> source.fetch(round)));
            }
            for (Future<Revision> fetch : fetches) {
                fetch.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(listed).hasSize(1);
    }

    @Test
    void aFailedListingIsSharedByTheRoundAndEachSourceReportsItInItsOwnWords() {
        SourceSpec missing = new SourceSpec(temp.resolve("no-such-fleet").toString(), "main");
        GitSource main = source(missing);
        GitSource tags = source(missing.withRef(new SourceRef.TagPattern("v*")));
        RemoteHeads.Round round = heads.newRound();

        assertThatThrownBy(() -> main.fetch(round))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageStartingWith("no git repository at " + missing);
        assertThatThrownBy(() -> tags.fetch(round))
                .hasMessageStartingWith("no git repository at " + missing.withRef(new SourceRef.TagPattern("v*")));
        assertThat(listed).as("an unreachable remote is asked once per round, not once per source").hasSize(1);
    }

    @Test
    void differentRepositoriesAreListedOnceEach() throws Exception {
        try (Upstream other = Upstream.create(temp.resolve("other"))) {
            other.write("compose.yaml", "services: {}\n");
            other.commit("Add an app");
            RemoteHeads.Round round = heads.newRound();

            source(new SourceSpec(upstream.fileUrl(), "main")).fetch(round);
            source(new SourceSpec(other.fileUrl(), "main")).fetch(round);
            source(new SourceSpec(upstream.fileUrl(), "release")).fetch(round);
            source(new SourceSpec(other.directory().toString(), "main").withPath("")).fetch(round);
        }

        assertThat(listed).hasSize(2);
    }

    @Test
    void aRoundOfOtherRemoteChecksIsRefused() {
        GitSource source = source(new SourceSpec(upstream.fileUrl(), "main"));
        try (RemoteHeads others = new RemoteHeads(new RemoteAccess(Duration.ofSeconds(5), name -> null))) {
            assertThatThrownBy(() -> source.fetch(others.newRound())).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
