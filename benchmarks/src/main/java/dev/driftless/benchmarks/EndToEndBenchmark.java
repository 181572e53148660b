package dev.driftless.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.driftless.reconciler.docker.DockerApplier;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.docker.DockerObserver;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.engine.ReconcileReport;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.engine.RolloutHistory;
import dev.driftless.reconciler.engine.Trigger;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.source.DirectorySource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Driftless against the real engine, side by side with Debian's {@code docker-compose} (1.29) and
 * with the engine's own floor: raw create+start of the same containers through its API at the best
 * parallelism. One command, one run, ratios printed:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.driftless.benchmarks.EndToEndBenchmark [services]</pre>
 *
 * <p>Everything it creates is named {@code driftless-bench-*} and removed by that name, before and after.
 */
public final class EndToEndBenchmark {

    private static final String PREFIX = "driftless-bench-";
    private static final String IMAGE = "busybox:1.36";
    private static final List<String> COMMAND = List.of("sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait");

    private EndToEndBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        try (DockerEngine engine = DockerEngine.connect(URI.create("unix:///var/run/docker.sock"))) {
            DockerClient docker = engine.client();
            System.out.printf("engine: %s; %d busybox services on the default bridge%n", engine, services);
            cleanUp(docker);

            double floor = Double.MAX_VALUE;
            int bestParallelism = 0;
            for (int parallelism : new int[] {1, 2, 4, 8}) {
                double seconds = rawCreateStart(docker, services, parallelism);
                System.out.printf("engine floor, raw create+start, %d in parallel: %.2f s%n", parallelism, seconds);
                if (seconds < floor) {
                    floor = seconds;
                    bestParallelism = parallelism;
                }
                cleanUp(docker);
            }

            Path work = Files.createTempDirectory("driftless-bench");
            Path composeDir = work.resolve(PREFIX + "compose");
            Files.createDirectories(composeDir);
            Files.writeString(composeDir.resolve("docker-compose.yml"), compose(services, "one"));
            double composeCold = time(() -> run(composeDir, "docker-compose", "up", "-d", "--quiet-pull"));
            double composeNoop = time(() -> run(composeDir, "docker-compose", "up", "-d"));
            run(composeDir, "docker-compose", "down", "--timeout", "1");

            Path repo = work.resolve("repo");
            String app = PREFIX + "app";
            Files.createDirectories(repo.resolve(app));
            Files.writeString(repo.resolve(app + "/compose.yaml"), compose(services, "one"));
            Clock clock = Clock.systemUTC();
            Reconciler reconciler = new Reconciler(new DirectorySource(repo), () -> DockerObserver.observe(engine),
                    new DockerApplier(engine, clock), RolloutHistory.NONE, ReconcileMetrics.NONE,
                    PlanPolicy.defaults(), clock);
            double driftlessCold = time(() -> check(reconciler.reconcile(Trigger.CLI)));
            double driftlessNoop = time(() -> check(reconciler.reconcile(Trigger.CLI)));
            Files.writeString(repo.resolve(app + "/compose.yaml"), changeOne(compose(services, "one")));
            double driftlessOneChange = time(() -> check(reconciler.reconcile(Trigger.CLI)));
            cleanUp(docker);

            System.out.println();
            System.out.printf("(a) cold converge of %d services%n", services);
            System.out.printf("    engine floor (best of 1/2/4/8, %d parallel)  %6.2f s  1.00x%n", bestParallelism, floor);
            System.out.printf("    docker-compose up -d (1.29)                 %6.2f s  %.2fx%n", composeCold, composeCold / floor);
            System.out.printf("    driftless reconcile                         %6.2f s  %.2fx%n", driftlessCold, driftlessCold / floor);
            System.out.printf("(b) no-op: docker-compose up -d %.2f s; driftless reconcile in-process %.3f s%n",
                    composeNoop, driftlessNoop);
            System.out.printf("(c) one service of %d changed: driftless reconcile %.2f s%n", services, driftlessOneChange);
        }
    }

    private static String compose(int services, String greeting) {
        StringBuilder text = new StringBuilder("services:\n");
        for (int i = 0; i < services; i++) {
            text.append("  s").append(i).append(":\n")
                    .append("    image: ").append(IMAGE).append('\n')
                    .append("    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n")
                    .append("    environment:\n      GREETING: ").append(greeting).append('\n');
        }
        return text.toString();
    }

    private static String changeOne(String compose) {
        return compose.replaceFirst("GREETING: one", "GREETING: changed");
    }

    private static double rawCreateStart(DockerClient docker, int count, int parallelism) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = PREFIX + "raw-" + i;
                futures.add(pool.submit(() -> {
                    String id = docker.createContainerCmd(IMAGE).withName(name).withCmd(COMMAND)
                            .withLabels(Map.of("dev.driftless.bench", "raw")).exec().getId();
                    docker.startContainerCmd(id).exec();
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdown();
        }
    }

    private static void cleanUp(DockerClient docker) {
        List<Container> all = docker.listContainersCmd().withShowAll(true).exec();
        all.stream().filter(container -> container.getNames() != null && container.getNames().length > 0
                        && container.getNames()[0].startsWith("/" + PREFIX))
                .parallel()
                .forEach(container -> docker.removeContainerCmd(container.getId()).withForce(true).exec());
        docker.listNetworksCmd().exec().stream().filter(network -> network.getName().startsWith(PREFIX))
                .forEach(network -> docker.removeNetworkCmd(network.getId()).exec());
    }

    private static void check(ReconcileReport report) {
        if (report.failed()) {
            throw new IllegalStateException("reconcile failed: " + report);
        }
    }

    private static void run(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double time(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
