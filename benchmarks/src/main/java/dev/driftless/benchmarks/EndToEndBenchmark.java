package dev.driftless.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import dev.driftless.reconciler.docker.DockerApplier;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.docker.DockerObserver;
import dev.driftless.reconciler.docker.HealthGate;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.engine.ReconcileReport;
import dev.driftless.reconciler.engine.ReconcileScope;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.engine.RolloutHistory;
import dev.driftless.reconciler.engine.TargetObserver;
import dev.driftless.reconciler.engine.Trigger;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.source.DirectorySource;
import dev.driftless.reconciler.state.ObservedTarget;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Driftless against the real engine, side by side with Debian's {@code docker-compose} (1.29) and
 * with the engine's own floor: raw create+start of the same containers through its API at the best
 * parallelism. One command, one run, ratios printed:
 *
 * <pre>mvn -B -q -Dmaven.test.skip=true package
 * java -cp benchmarks/target/benchmarks.jar dev.driftless.benchmarks.EndToEndBenchmark [services [no-op containers]]</pre>
 *
 * <p>Run it from the repository root: the plan figure runs {@code ./driftless plan} as a user does,
 * JVM start-up included ({@code -Ddriftless.launcher=PATH} elsewhere). Driftless's health gate runs
 * with a minimum uptime of 0 s, since neither the floor nor docker-compose waits for anything, and
 * its code is warmed up on a small app first, as the floor's path is by its four runs.
 *
 * <p>Everything it creates is named {@code driftless-bench-*} and removed by that name, before and after.
 */
public final class EndToEndBenchmark {

    private static final String PREFIX = "driftless-bench-";
    private static final String IMAGE = "busybox:1.36";
    private static final String FLOOR_NETWORK = PREFIX + "floor";
    private static final int CHANGE_RUNS = 5;
    private static final int CONVERGE_ROUNDS = 3;
    /** The names this benchmark gives, after the prefix: raw containers, its apps, its Compose project. */
    private static final List<String> OURS = List.of("raw-", "floor", "app-", "app_", "warm-up-", "warm-up_",
            "compose_", "compose-");
    private static final List<String> COMMAND = List.of("sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait");

    private EndToEndBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int noopContainers = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int stepParallelism = Integer.getInteger("bench.parallelism", DockerApplier.DEFAULT_PARALLELISM);
        Path launcher = Path.of(System.getProperty("driftless.launcher", "driftless")).toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            throw new IllegalArgumentException("no launcher at " + launcher + ": run from the repository root or give "
                    + "-Ddriftless.launcher=PATH/driftless");
        }
        try (DockerEngine engine = DockerEngine.connect(URI.create("unix:///var/run/docker.sock"))) {
            DockerClient docker = engine.client();
            System.out.printf("engine: %s; %d busybox services; no-op measured on %d; health gate: minimum uptime 0 s"
                    + " (neither the floor nor docker-compose waits)%n", engine, services, noopContainers);
            cleanUp(docker);

            // Compose and Driftless put an app's containers on a network of the app's own, which costs
            // the engine more than its default bridge. The floor's best parallelism is found once, on
            // such a network; then the floor and Driftless's cold converge are taken in turns (the
            // engine's speed drifts by seconds over minutes on a shared machine), and medians compared.
            Floor sweep = new Floor(Double.MAX_VALUE, 0);
            for (int parallelism : new int[] {1, 2, 4, 8}) {
                sweep = sweep.orFaster(rawFloor(docker, services, parallelism, Optional.of(FLOOR_NETWORK)));
            }
            int floorParallelism = sweep.parallelism();
            Floor bridgeFloor = rawFloor(docker, services, floorParallelism, Optional.empty());
            Path work = Files.createTempDirectory("driftless-bench");
            Path composeDir = work.resolve(PREFIX + "compose");
            Files.createDirectories(composeDir);
            Files.writeString(composeDir.resolve("docker-compose.yml"), compose(services, "one"));
            double composeCold = time(() -> run(composeDir, "docker-compose", "up", "-d", "--quiet-pull"));
            double composeNoop = median(5, () -> run(composeDir, "docker-compose", "up", "-d"));
            run(composeDir, "docker-compose", "down", "--timeout", "1");

            // The folder's name is the source's name, which decides which apps a reconcile may prune:
            // a unique one, and every reconcile scoped to this app, so that other apps on the engine
            // (another source's, a test's) are never touched.
            Path repo = work.resolve(PREFIX + "repo-" + ProcessHandle.current().pid());
            String app = PREFIX + "app";
            ReconcileScope scope = ReconcileScope.apps(Set.of(app));
            Files.createDirectories(repo.resolve(app));
            Files.writeString(repo.resolve(app + "/compose.yaml"), compose(services, "one"));
            Clock clock = Clock.systemUTC();
            HealthGate gate = new HealthGate(HealthGate.DEFAULT.deadline(), Duration.ZERO, HealthGate.DEFAULT.pollEvery());
            Reconciler reconciler = new Reconciler(new DirectorySource(repo), DockerObserver.observer(() -> engine),
                    new DockerApplier(engine, clock, stepParallelism, gate), RolloutHistory.NONE,
                    ReconcileMetrics.NONE, PlanPolicy.defaults(), clock);
            warmUp(engine, work, gate, stepParallelism);
            double[] floors = new double[CONVERGE_ROUNDS];
            double[] colds = new double[CONVERGE_ROUNDS];
            for (int round = 0; round < CONVERGE_ROUNDS; round++) {
                floors[round] = rawFloor(docker, services, floorParallelism, Optional.of(FLOOR_NETWORK)).seconds();
                colds[round] = time(() -> check(reconciler.reconcile(Trigger.CLI, scope)));
                System.out.printf("driftless cold converge, %d steps at once: %.2f s (%.2fx this round's floor)%n",
                        stepParallelism, colds[round], colds[round] / floors[round]);
                if (round < CONVERGE_ROUNDS - 1) {
                    cleanUp(docker);
                }
            }
            double floor = median(floors);
            double driftlessCold = median(colds);
            if (Boolean.getBoolean("bench.convergeOnly")) {
                cleanUp(docker);
                printConverge(services, floorParallelism, floor, bridgeFloor, composeCold, stepParallelism,
                        driftlessCold);
                return;
            }
            double driftlessNoopFirst = time(() -> check(reconciler.reconcile(Trigger.CLI, scope)));
            double driftlessNoop = median(10, () -> check(reconciler.reconcile(Trigger.CLI, scope)));
            double planFirst = time(() -> plan(launcher, repo));
            double plan = median(5, () -> plan(launcher, repo));
            // As the daemon observes: the last observation is kept while the engine's events are quiet.
            Reconciler following = new Reconciler(new DirectorySource(repo), new TargetObserver() {
                @Override
                public ObservedTarget observe() {
                    return DockerObserver.observeFollowing(engine);
                }

                @Override
                public ObservedTarget observeContainers() {
                    return DockerObserver.observeContainers(engine);
                }
            }, new DockerApplier(engine, clock, gate), RolloutHistory.NONE, ReconcileMetrics.NONE,
                    PlanPolicy.defaults(), clock);
            // One replacement is a handful of engine calls whose time varies by tens of ms from run to
            // run: each figure is the median of five, the three taken in turns. The daemon's change
            // comes, as a push does, after its periodic poll observed the engine (the observation is
            // then kept while the engine's events stay quiet); the CLI lists every time.
            double[] oneChange = new double[CHANGE_RUNS];
            double[] oneChangeFollowing = new double[CHANGE_RUNS];
            double[] rawReplaces = new double[CHANGE_RUNS];
            for (int run = 0; run < CHANGE_RUNS; run++) {
                Files.writeString(repo.resolve(app + "/compose.yaml"), changeOne(compose(services, "one"), 2 * run));
                oneChange[run] = time(() -> check(reconciler.reconcile(Trigger.CLI, scope)));
                rawReplaces[run] = rawReplaceOne(docker, app + "_default");
                Thread.sleep(500);
                check(following.reconcile(Trigger.POLL, scope));
                Files.writeString(repo.resolve(app + "/compose.yaml"), changeOne(compose(services, "one"), 2 * run + 1));
                oneChangeFollowing[run] = time(() -> check(following.reconcile(Trigger.CLI, scope)));
            }
            double driftlessOneChange = median(oneChange);
            double followingOneChange = median(oneChangeFollowing);
            double rawReplace = median(rawReplaces);

            // The changed service stays changed: the scale-up only adds containers.
            Files.writeString(repo.resolve(app + "/compose.yaml"),
                    changeOne(compose(noopContainers, "one"), 2 * CHANGE_RUNS - 1));
            double driftlessScaleUp = time(() -> check(reconciler.reconcile(Trigger.CLI, scope)));
            double bigNoopFirst = time(() -> check(reconciler.reconcile(Trigger.CLI, scope)));
            double bigNoop = median(10, () -> check(reconciler.reconcile(Trigger.CLI, scope)));
            double followingFirst = time(() -> check(following.reconcile(Trigger.CLI, scope)));
            double followingNoop = median(10, () -> check(following.reconcile(Trigger.CLI, scope)));
            double engineList = median(10, () -> docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(List.of("dev.driftless.app")).exec());
            cleanUp(docker);

            System.out.println();
            printConverge(services, floorParallelism, floor, bridgeFloor, composeCold, stepParallelism, driftlessCold);
            System.out.printf("(b) no-op on a converged app%n");
            System.out.printf("    driftless reconcile in-process, %d containers: %.0f ms median of 10 (first %.0f ms)%n",
                    services, driftlessNoop * 1000, driftlessNoopFirst * 1000);
            System.out.printf("    driftless reconcile in-process, %d containers, listing them: %.0f ms median of 10"
                    + " (first %.0f ms); the engine's own list of them alone: %.0f ms%n", noopContainers, bigNoop * 1000,
                    bigNoopFirst * 1000, engineList * 1000);
            System.out.printf("    driftless reconcile in-process, %d containers, as the daemon (observation kept while the"
                    + " engine's events are quiet): %.0f ms median of 10 (first %.0f ms; target < 150 ms)%n",
                    noopContainers, followingNoop * 1000, followingFirst * 1000);
            System.out.printf("    %d services: docker-compose up -d %.2f s (median of 5); driftless plan CLI, JVM start"
                    + " included, %.2f s (median of 5; first run %.2f s)  %.2fx compose (target < 1.00x)%n",
                    services, composeNoop, plan, planFirst, plan / composeNoop);
            System.out.printf("(c) one service of %d changed (medians of %d): the engine's own stop+remove+create+start of"
                    + " one container %.3f s%n", services, CHANGE_RUNS, rawReplace);
            System.out.printf("    driftless reconcile as the daemon (observation kept since its last poll) %.3f s,"
                    + " overhead %.0f ms (target < 100 ms)%n", followingOneChange, (followingOneChange - rawReplace) * 1000);
            System.out.printf("    driftless reconcile listing the engine first (as `driftless apply`)     %.3f s,"
                    + " overhead %.0f ms%n", driftlessOneChange, (driftlessOneChange - rawReplace) * 1000);
            System.out.printf("(scale-up from %d to %d services: %.2f s)%n", services, noopContainers, driftlessScaleUp);
        }
    }

    private static void printConverge(int services, int floorParallelism, double floor, Floor bridgeFloor,
            double composeCold, int stepParallelism, double driftlessCold) {
        System.out.println();
        System.out.printf("(a) cold converge of %d services (floor and Driftless: medians of %d, taken in turns)%n",
                services, CONVERGE_ROUNDS);
        System.out.printf("    engine floor (%d parallel, the best of 1/2/4/8)  %6.2f s  1.00x  (on a network of their own,"
                + " as Compose and Driftless put an app's containers)%n", floorParallelism, floor);
        System.out.printf("    same on the default bridge (one run)          %6.2f s  %.2fx%n", bridgeFloor.seconds(),
                bridgeFloor.seconds() / floor);
        System.out.printf("    docker-compose up -d (1.29, one run)          %6.2f s  %.2fx%n", composeCold, composeCold / floor);
        System.out.printf("    driftless reconcile (%d steps at once)         %6.2f s  %.2fx  (target <= 1.10x)%n",
                stepParallelism, driftlessCold, driftlessCold / floor);
    }

    /**
     * Deploys and removes a small app first, so that the measured converge does not pay this JVM's
     * class loading and compilation of Driftless's code: the floor's four runs warm its own path,
     * and the daemon is a long-lived process.
     */
    private static void warmUp(DockerEngine engine, Path work, HealthGate gate, int parallelism) throws IOException {
        Path repo = work.resolve(PREFIX + "warm-up-" + ProcessHandle.current().pid());
        String app = PREFIX + "warm-up";
        Files.createDirectories(repo.resolve(app));
        Files.writeString(repo.resolve(app + "/compose.yaml"), compose(4, "one"));
        Clock clock = Clock.systemUTC();
        Reconciler reconciler = new Reconciler(new DirectorySource(repo), DockerObserver.observer(() -> engine),
                new DockerApplier(engine, clock, parallelism, gate), RolloutHistory.NONE, ReconcileMetrics.NONE,
                PlanPolicy.defaults(), clock);
        for (int round = 0; round < 2; round++) {
            check(reconciler.reconcile(Trigger.CLI, ReconcileScope.apps(Set.of(app))));
            cleanUp(engine.client());
        }
    }

    /** {@code driftless plan} through the launcher, as a user types it; it must find the app in sync. */
    private static void plan(Path launcher, Path repo) {
        run(repo, launcher.toString(), "plan", repo.toString());
    }

    /**
     * What the engine itself takes to replace one container on {@code network} (the app's, as the
     * replaced service's): stop, remove, create, start. The container is made and removed untimed.
     */
    private static double rawReplaceOne(DockerClient docker, String network) {
        String name = PREFIX + "raw-replace";
        String first = rawCreate(docker, name, network);
        docker.startContainerCmd(first).exec();
        String[] next = new String[1];
        double seconds = time(() -> {
            docker.stopContainerCmd(first).withTimeout(10).exec();
            docker.removeContainerCmd(first).exec();
            next[0] = rawCreate(docker, name, network);
            docker.startContainerCmd(next[0]).exec();
        });
        docker.removeContainerCmd(next[0]).withForce(true).exec();
        return seconds;
    }

    private static String rawCreate(DockerClient docker, String name, String network) {
        return docker.createContainerCmd(IMAGE).withName(name).withCmd(COMMAND)
                .withLabels(Map.of("dev.driftless.bench", "raw"))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network)).withAliases(name)
                .exec().getId();
    }

    private static double median(int runs, Runnable action) {
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            seconds[i] = time(action);
        }
        return median(seconds);
    }

    private static double median(double[] seconds) {
        double[] sorted = seconds.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
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

    /** The first service with a greeting of its own, different in each {@code run}. */
    private static String changeOne(String compose, int run) {
        return compose.replaceFirst("GREETING: one", "GREETING: changed-" + run);
    }

    /** The engine's own time for the containers, at the parallelism it was best at. */
    private record Floor(double seconds, int parallelism) {
        Floor orFaster(Floor other) {
            return other.seconds() < seconds ? other : this;
        }
    }

    /** One raw create+start of every container (their network made first, untimed), printed, then removed. */
    private static Floor rawFloor(DockerClient docker, int count, int parallelism, Optional<String> network)
            throws Exception {
        network.ifPresent(name -> docker.createNetworkCmd().withName(name).withDriver("bridge")
                .withLabels(Map.of("dev.driftless.bench", "raw")).exec());
        double seconds = rawCreateStart(docker, count, parallelism, network);
        System.out.printf("engine floor, raw create+start on %s, %d in parallel: %.2f s%n",
                network.isPresent() ? "a network of their own" : "the default bridge", parallelism, seconds);
        cleanUp(docker);
        return new Floor(seconds, parallelism);
    }

    /**
     * @param network the user-defined network the containers join, as an app's containers join
     *     its default network; empty for the engine's default bridge
     */
    private static double rawCreateStart(DockerClient docker, int count, int parallelism, Optional<String> network)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = PREFIX + "raw-" + i;
                futures.add(pool.submit(() -> {
                    var create = docker.createContainerCmd(IMAGE).withName(name).withCmd(COMMAND)
                            .withLabels(Map.of("dev.driftless.bench", "raw"));
                    network.ifPresent(joined -> create.withHostConfig(HostConfig.newHostConfig().withNetworkMode(joined))
                            .withAliases(name));
                    String id = create.exec().getId();
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

    /**
     * Removes what this benchmark makes, by the names it gives them, and nothing else: other tools
     * (the footprint script, a test) use the same {@code driftless-bench-} prefix.
     */
    private static void cleanUp(DockerClient docker) {
        List<Container> all = docker.listContainersCmd().withShowAll(true).exec();
        all.stream().filter(container -> container.getNames() != null && container.getNames().length > 0
                        && ours(container.getNames()[0].replaceFirst("^/", "")))
                .parallel()
                .forEach(container -> docker.removeContainerCmd(container.getId()).withForce(true).exec());
        docker.listNetworksCmd().exec().stream().filter(network -> ours(network.getName()))
                .forEach(network -> docker.removeNetworkCmd(network.getId()).exec());
    }

    private static boolean ours(String name) {
        return OURS.stream().anyMatch(kind -> name.startsWith(PREFIX + kind));
    }

    private static void check(ReconcileReport report) {
        if (report.failed()) {
            throw new IllegalStateException("reconcile failed: " + report);
        }
    }

    private static void run(Path directory, String... command) {
        try {
            Path output = Files.createTempFile("driftless-bench", ".out");
            try {
                Process process = new ProcessBuilder(command).directory(directory.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (process.waitFor() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue()
                            + ":\n" + Files.readString(output));
                }
            } finally {
                Files.deleteIfExists(output);
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
