package dev.driftless.benchmarks;

import dev.driftless.manifests.compose.ComposeReader;
import dev.driftless.manifests.hash.SpecHash;
import dev.driftless.manifests.layout.DesiredStateRenderer;
import dev.driftless.manifests.layout.InMemoryRepoTree;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.reconciler.plan.Plan;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.plan.Planner;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedApp;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.OwnershipLabels;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pure core on an app of {@code services} services: reading its Compose file, rendering a
 * repo of it, hashing specs, and planning against an engine that already matches (the steady
 * state of every poll) and against an empty one (the first deploy).
 *
 * <p>Run: {@code mvn -q -DskipTests package && java -jar benchmarks/target/benchmarks.jar}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CoreBenchmark {

    @Param({"1", "50"})
    int services;

    private String composeText;
    private InMemoryRepoTree repo;
    private DesiredApp desired;
    private ObservedApp matching;
    private ObservedApp empty;

    @Setup
    public void setUp() throws Exception {
        StringBuilder text = new StringBuilder("services:\n");
        for (int i = 0; i < services; i++) {
            text.append("""
                      svc%d:
                        image: busybox:1.36
                        command: ["sh", "-c", "sleep 3600"]
                        environment:
                          INDEX: "%d"
                          GREETING: hello
                        ports:
                          - "127.0.0.1:%d:80"
                        labels:
                          team: bench
                    """.formatted(i, i, 20000 + i));
        }
        composeText = text.toString();
        repo = InMemoryRepoTree.of("bench/compose.yaml", composeText);
        desired = new ComposeReader().read("bench", "bench/compose.yaml", composeText);
        List<ObservedContainer> running = new ArrayList<>();
        for (DesiredService service : desired.services()) {
            String hash = SpecHash.of(service);
            running.add(new ObservedContainer("id-" + service.name(), "bench-" + service.name() + "-1", "bench",
                    service.name(), 1, hash, "rev", ContainerState.RUNNING,
                    OwnershipLabels.forContainer("bench", service, 1, "rev", hash)));
        }
        matching = new ObservedApp("bench", running, List.of("bench_default"));
        empty = ObservedApp.empty("bench");
    }

    @Benchmark
    public DesiredApp readCompose() throws Exception {
        return new ComposeReader().read("bench", "bench/compose.yaml", composeText);
    }

    @Benchmark
    public Object renderRepo() {
        return DesiredStateRenderer.render(repo, "fleet");
    }

    @Benchmark
    public Plan planInSync() {
        return Planner.plan(desired, "rev", matching, PlanPolicy.defaults());
    }

    @Benchmark
    public Plan planFirstDeploy() {
        return Planner.plan(desired, "rev", empty, PlanPolicy.defaults());
    }

    @Benchmark
    public String specHashOfOneService() {
        return SpecHash.of(desired.services().get(0));
    }
}
