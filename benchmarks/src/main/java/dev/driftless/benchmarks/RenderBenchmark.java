package dev.driftless.benchmarks;

import dev.driftless.manifests.hash.SpecHash;
import dev.driftless.manifests.layout.DesiredStateRenderer;
import dev.driftless.manifests.layout.InMemoryRepoTree;
import dev.driftless.manifests.layout.RenderedRepo;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.DesiredService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Rendering and hashing one app of {@code services} services, the whole way a revision goes:
 * {@code driftless.yaml} read, two env-file layers and the folder's {@code .env} interpolated,
 * a base Compose file (with an anchor merged into every service) and an override file merged
 * node by node, every service read, ports checked for clashes, then the spec hash of every
 * service. Generated, so the figure is for a known shape: each service has an image with a
 * variable tag, a command, five environment variables, a published port and two labels.
 *
 * <p>Run: {@code mvn -q -DskipTests package -pl benchmarks -am && java -jar
 * benchmarks/target/benchmarks.jar RenderBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RenderBenchmark {

    @Param({"500"})
    int services;

    private InMemoryRepoTree repo;

    @Setup
    public void setUp() {
        StringBuilder base = new StringBuilder("""
                x-common: &common
                  labels:
                    team: bench
                  environment:
                    TZ: UTC
                services:
                """);
        StringBuilder override = new StringBuilder("services:\n");
        for (int i = 0; i < services; i++) {
            base.append("""
                      svc%d:
                        <<: *common
                        image: registry.example/svc%d:${TAG}
                        command: ["sh", "-c", "exec httpd -f -p 80"]
                        environment:
                          INDEX: "%d"
                          MODE: ${MODE:-slow}
                          REGION: ${REGION}
                          GREETING: hello
                          TZ: UTC
                        ports:
                          - "127.0.0.1:%d:80"
                        labels:
                          team: bench
                          tier: "t%d"
                    """.formatted(i, i, i, 20000 + i, i % 7));
            override.append("""
                      svc%d:
                        environment: [MODE=fast]
                        labels: {owner: bench}
                    """.formatted(i));
        }
        repo = InMemoryRepoTree.of(
                "driftless.yaml", """
                        environments:
                          production: {envFiles: [env/base.env, env/production.env]}
                        apps:
                          bench:
                            compose: [compose.yaml, compose.production.yaml]
                            environments: [production]
                        """,
                "env/base.env", "TAG=1.36\nREGION=eu\n",
                "env/production.env", "TAG=1.37\n",
                "bench/.env", "MODE=medium\n",
                "bench/compose.yaml", base.toString(),
                "bench/compose.production.yaml", override.toString());
        RenderedRepo check = DesiredStateRenderer.render(repo, "fleet");
        if (!check.failures().isEmpty() || check.apps().get(0).services().size() != services) {
            throw new IllegalStateException("the generated repo does not render: " + check.failures());
        }
    }

    /** Render the repo and hash every service: what a poll of a changed revision costs. */
    @Benchmark
    public int renderAndHash() {
        RenderedRepo rendered = DesiredStateRenderer.render(repo, "fleet");
        int hashes = 0;
        for (DesiredApp app : rendered.apps()) {
            for (DesiredService service : app.services()) {
                hashes += SpecHash.of(service).length();
            }
        }
        return hashes;
    }
}
