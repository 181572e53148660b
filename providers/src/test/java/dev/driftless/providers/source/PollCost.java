package dev.driftless.providers.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures, once, the wall time of one poll round over 200 sources whose remotes did not change:
 * over {@code file://} and over smart HTTP (git's http-backend on 127.0.0.1, with a token), with
 * the sources on 200 repositories (200 listings) and on one repository (one listing), fetched one
 * after another and on 4 threads. Not a test: a figure for the note.
 *
 * <p>Run from the project's root:
 * <pre>
 * mvn -q -o -pl manifests,providers -Ddriftless.build.dir=target-source test-compile \
 *     dependency:build-classpath -Dmdep.outputFile=target-source/cp.txt
 * cd providers
 * java -cp target-source/test-classes:target-source/classes:$(cat target-source/cp.txt) \
 *     dev.driftless.providers.source.PollCost
 * </pre>
 */
public final class PollCost {

    private static final int SOURCES = 200;
    private static final String TOKEN = "poll-cost-token";

    private PollCost() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("driftless-poll-cost-");
        try (SmartHttpServer http = SmartHttpServer.start(root.resolve("repos"), TOKEN)) {
            List<Upstream> repositories = new ArrayList<>();
            for (int i = 0; i < SOURCES; i++) {
                Upstream upstream = Upstream.create(root.resolve("repos/fleet-" + i));
                upstream.write("apps/web/compose.yaml", "services: {web: {image: nginx}}\n");
                upstream.commit("Add web");
                repositories.add(upstream);
            }
            Credentials token = Credentials.token(new Secret.FromEnvironment("POLL_COST_TOKEN"));
            List<SourceSpec> fileMany = new ArrayList<>();
            List<SourceSpec> fileOne = new ArrayList<>();
            List<SourceSpec> httpMany = new ArrayList<>();
            List<SourceSpec> httpOne = new ArrayList<>();
            for (int i = 0; i < SOURCES; i++) {
                Upstream upstream = repositories.get(i);
                String name = upstream.directory().getFileName().toString();
                fileMany.add(new SourceSpec(upstream.fileUrl(), "main"));
                fileOne.add(new SourceSpec(repositories.get(0).fileUrl(), "main").withPath("apps/web"));
                httpMany.add(new SourceSpec(http.url(name), "main").withCredentials(token));
                httpOne.add(new SourceSpec(http.url("fleet-0"), "main").withPath("apps/web").withCredentials(token));
            }
            System.out.printf("%d unchanged sources, one poll round (wall time, one run each)%n", SOURCES);
            measure("file://,    200 repositories", fileMany, root.resolve("cache-file-many"));
            measure("file://,    1 repository    ", fileOne, root.resolve("cache-file-one"));
            measure("smart HTTP, 200 repositories", httpMany, root.resolve("cache-http-many"));
            measure("smart HTTP, 1 repository    ", httpOne, root.resolve("cache-http-one"));
            System.out.printf("HTTP requests served in all: %d%n", http.requests());
            repositories.forEach(Upstream::close);
        } finally {
            GitSourceTest.deleteTree(root);
        }
    }

    private static void measure(String label, List<SourceSpec> specs, Path caches) throws Exception {
        AtomicInteger listings = new AtomicInteger();
        AtomicInteger transfers = new AtomicInteger();
        SourceEvents events = new SourceEvents() {
            @Override
            public void transferring() {
                transfers.incrementAndGet();
            }
        };
        Map<String, String> environment = Map.of("POLL_COST_TOKEN", TOKEN);
        try (RemoteHeads heads = new RemoteHeads(new RemoteAccess(Duration.ofSeconds(30), environment::get),
                key -> listings.incrementAndGet())) {
            List<GitSource> sources = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                sources.add(new GitSource(specs.get(i), caches.resolve("source-" + i), heads, events));
            }
            poll(sources, heads.newRound(), 1); // fills the caches: the first fetch of each source
            for (int threads : new int[] {1, 4}) {
                listings.set(0);
                transfers.set(0);
                long start = System.nanoTime();
                poll(sources, heads.newRound(), threads);
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("  %s, %d thread%s: %5d ms  (%d listings, %d fetches)%n", label, threads,
                        threads == 1 ? " " : "s", millis, listings.get(), transfers.get());
            }
            sources.forEach(GitSource::close);
        }
    }

    private static void poll(List<GitSource> sources, RemoteHeads.Round round, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Revision>> polls = new ArrayList<>();
            for (GitSource source : sources) {
                polls.add(pool.submit(() -> source.fetch(round)));
            }
            for (Future<Revision> poll : polls) {
                poll.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
