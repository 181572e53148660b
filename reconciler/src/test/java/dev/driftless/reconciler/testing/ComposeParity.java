package dev.driftless.reconciler.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.driftless.providers.source.SourceSpec;
import dev.driftless.reconciler.docker.DockerApplier;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.docker.DockerObserver;
import dev.driftless.reconciler.engine.ReconcileMetrics;
import dev.driftless.reconciler.engine.ReconcileReport;
import dev.driftless.reconciler.engine.ReconcileScope;
import dev.driftless.reconciler.engine.Reconciler;
import dev.driftless.reconciler.engine.Trigger;
import dev.driftless.reconciler.files.HostFiles;
import dev.driftless.reconciler.plan.PlanPolicy;
import dev.driftless.reconciler.source.GitDesiredStateSource;
import dev.driftless.reconciler.state.OwnershipLabels;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The proof that a Compose file means the same to Driftless as to {@code docker compose}: one file
 * is brought up by Debian's {@code docker-compose} (1.29) and then by Driftless (a {@link Reconciler}
 * on a real git repo) on the same engine, one after the other so that published ports and
 * {@code container_name}s never clash, and {@code docker inspect} of the two sets of containers is
 * compared field by field.
 *
 * <p>What necessarily differs is normalised away before comparing: each tool's own labels
 * ({@code com.docker.compose.*}, {@code dev.driftless.*}), ids, names, timestamps, state, the
 * engine's paths for the container, addresses on the network; the project (app) name, the
 * container's {@code Name} is {@value #DEFAULT_NAME} when it is the tool's default
 * ({@code <project>_<service>_<n>} for docker-compose 1.29, {@code <project>-<service>-<n>} for
 * Driftless), and the container's name and its id are replaced by {@code <project>}, {@code <name>} and {@code <id>}
 * wherever they appear (the default network's name, the default hostname, the network aliases).
 * Lists whose order means nothing to Docker (environment, capabilities, security options, extra
 * hosts, groups) are sorted; null, an empty list and an empty map all read {@value #EMPTY}. Paths are dotted: {@code HostConfig.Memory},
 * {@code Config.Env[2]}, {@code NetworkSettings.Networks.<project>_default.Aliases[0]}.
 *
 * <p>Both tools see the same extra files (such as a {@code .env}) next to the Compose file. A
 * variable {@code PARITY_PREFIX} is always added to the {@code .env}: it carries the test prefix
 * (see {@link TestEngine#APP_PREFIX}), for names a file fixes itself ({@code container_name}),
 * so that cleanup finds them.
 *
 * <p>A Compose file that needs a host privilege (a host path bound, {@code privileged},
 * {@code network_mode: host}...) says so in its {@code x-policies} extension, which Driftless
 * gets as the {@code policies} of the repository's {@code driftless.yaml} (docker-compose ignores
 * {@code x-} keys): each case is allowed exactly what it needs, and nothing else.
 *
 * <p>Everything either tool created is removed before {@link #compare} returns: the
 * {@code docker-compose} project with {@code docker-compose down}, Driftless's containers and
 * network by their app label. {@link #removeLeftovers} clears what a killed earlier run left.
 */
public final class ComposeParity {

    /** The Compose implementation compared against. */
    public static final String DOCKER_COMPOSE = "docker-compose";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 120;

    /** Top-level and nested fields that identify or time a container rather than configure it. */
    private static final List<Pattern> ALWAYS_IGNORED = patterns(
            "Id", "Created", "ExecIDs.*", "State\\..*", "State", "RestartCount", "ResolvConfPath", "HostnamePath",
            "HostsPath", "LogPath", "Driver", "Platform", "MountLabel", "ProcessLabel", "AppArmorProfile",
            "ExecIDs", "GraphDriver\\..*", "SizeRw", "SizeRootFs",
            // the sandbox and the addresses the engine gave out
            "NetworkSettings\\.(?!Networks\\.).*",
            "NetworkSettings\\.Networks\\.[^.]+\\.(NetworkID|EndpointID|Gateway|IPAddress|IPPrefixLen|IPv6Gateway"
                    + "|GlobalIPv6Address|GlobalIPv6PrefixLen|MacAddress)");

    /** Lists that Docker treats as sets; sorted before comparing so that order does not count. */
    private static final Set<String> UNORDERED = Set.of(
            "Config.Env", "HostConfig.CapAdd", "HostConfig.CapDrop", "HostConfig.SecurityOpt",
            "HostConfig.ExtraHosts", "HostConfig.GroupAdd", "HostConfig.Ulimits", "HostConfig.Devices",
            "HostConfig.Binds", "HostConfig.Tmpfs", "Mounts");

    private static final Pattern TOOL_LABEL = Pattern.compile(
            "Config\\.Labels\\.(com\\.docker\\.compose\\.|dev\\.driftless\\.).*");

    /**
     * What null, {@code []} and {@code {}} all become: the engine reads them alike (no binds, no
     * capabilities added...), and the two tools choose differently between them.
     */
    public static final String EMPTY = "(empty)";

    /** The {@code Name} of a container that has the name its tool gives by default. */
    public static final String DEFAULT_NAME = "(default)";

    private final DockerEngine engine;
    private final Path workDirectory;
    private final List<Pattern> ignored = new ArrayList<>(ALWAYS_IGNORED);

    private ComposeParity(DockerEngine engine, Path workDirectory) {
        this.engine = engine;
        this.workDirectory = workDirectory;
    }

    /** A harness on {@code engine}, writing its files (repos, Compose projects) under {@code workDirectory}. */
    public static ComposeParity on(DockerEngine engine, Path workDirectory) {
        return new ComposeParity(engine, workDirectory);
    }

    /**
     * Also ignores the fields whose dotted path matches {@code pathRegex} entirely, for a difference
     * that is documented as deliberate (say which, in a comment where this is called).
     */
    public ComposeParity ignoring(String pathRegex) {
        ignored.add(Pattern.compile(pathRegex));
        return this;
    }

    /**
     * The engine for a parity suite: connected, {@code docker-compose} required (the suite is
     * skipped without it), an interrupted earlier run's leftovers cleared.
     */
    public static DockerEngine connectForParity() {
        DockerEngine engine = TestEngine.connect();
        org.junit.jupiter.api.Assumptions.assumeTrue(dockerComposeAvailable(), "docker-compose is not installed");
        removeLeftovers(engine.client());
        return engine;
    }

    /** Clears what the suite left and closes the engine; null (never connected) is fine. */
    public static void disconnectAfterParity(DockerEngine engine) {
        if (engine != null) {
            removeLeftovers(engine.client());
            engine.close();
        }
    }

    /** The {@code .yaml} files of a test-resource folder ({@code /parity}), sorted. */
    public static java.util.stream.Stream<Path> corpus(String resourceFolder) {
        try {
            Path folder = Path.of(ComposeParity.class.getResource(resourceFolder).toURI());
            try (java.util.stream.Stream<Path> files = Files.list(folder)) {
                String only = System.getProperty("parity.only", "");
                return files.filter(file -> file.getFileName().toString().endsWith(".yaml"))
                        .filter(file -> file.getFileName().toString().matches(only.isEmpty() ? ".*" : only))
                        .sorted().toList().stream();
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot list " + resourceFolder, e);
        }
    }

    /** Whether {@code docker-compose} is installed; a parity test cannot run without it. */
    public static boolean dockerComposeAvailable() {
        try {
            return run(Path.of("."), List.of(DOCKER_COMPOSE, "version")).exitCode() == 0;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** A difference in one field of one container. */
    public record Difference(String container, String path, String dockerCompose, String driftless) {

        @Override
        public String toString() {
            return container + " " + path + ": docker-compose=" + dockerCompose + " driftless=" + driftless;
        }
    }

    /**
     * What both tools made of one file: per container ({@code <service>#<number>}) the normalised,
     * flattened {@code docker inspect}, and the differences between them.
     */
    public record Outcome(Map<String, Map<String, String>> dockerCompose, Map<String, Map<String, String>> driftless,
            List<Difference> differences) {

        /** The value of {@code path} for {@code container} as docker-compose made it, or null. */
        public String composeValue(String container, String path) {
            return dockerCompose.getOrDefault(container, Map.of()).get(path);
        }

        /** The value of {@code path} for {@code container} as Driftless made it, or null. */
        public String driftlessValue(String container, String path) {
            return driftless.getOrDefault(container, Map.of()).get(path);
        }

        /** Every field under {@code prefix} (a dotted path) of a container, as docker-compose made it. */
        public Map<String, String> composeFields(String container, String prefix) {
            Map<String, String> fields = new TreeMap<>();
            dockerCompose.getOrDefault(container, Map.of()).forEach((path, value) -> {
                if (path.equals(prefix) || path.startsWith(prefix + ".") || path.startsWith(prefix + "[")) {
                    fields.put(path, value);
                }
            });
            return fields;
        }
    }

    /**
     * Brings {@code composeText} up with both tools, one after the other, and compares them.
     *
     * @param name a short name for this case, used in project names ({@code [a-z0-9-]+})
     * @param composeText the Compose file
     * @param extraFiles other files next to it, by relative path (a {@code .env}, an env_file...)
     */
    public Outcome compare(String name, String composeText, Map<String, String> extraFiles) {
        return compare(name, composeText, extraFiles, false);
    }

    /**
     * Like {@link #compare(String, String, Map)}; with {@code startMayFail}, containers that both
     * tools create but that the engine cannot start on this machine (a privileged container on an
     * engine that may not grant every capability) are compared as created, so that what counts,
     * the create call, is still checked.
     */
    public Outcome compare(String name, String composeText, Map<String, String> extraFiles, boolean startMayFail) {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String project = TestEngine.APP_PREFIX + "pc-" + name + "-" + suffix;
        String app = TestEngine.APP_PREFIX + "pd-" + name + "-" + suffix;
        Map<String, String> files = withPrefixVariable(extraFiles);
        Map<String, Map<String, String>> byCompose = dockerCompose(project, composeText, files, startMayFail);
        Map<String, Map<String, String>> byDriftless = driftless(app, composeText, files, startMayFail);
        return new Outcome(byCompose, byDriftless, differences(byCompose, byDriftless));
    }

    /** Like {@link #compare(String, String, Map)} with no extra file. */
    public Outcome compare(String name, String composeText) {
        return compare(name, composeText, Map.of());
    }

    private static Map<String, String> withPrefixVariable(Map<String, String> extraFiles) {
        Map<String, String> files = new LinkedHashMap<>(extraFiles);
        String line = "PARITY_PREFIX=" + TestEngine.APP_PREFIX + "\n";
        files.merge(".env", line, (existing, added) -> existing.endsWith("\n") || existing.isEmpty()
                ? existing + added : existing + "\n" + added);
        return files;
    }

    private Map<String, Map<String, String>> dockerCompose(String project, String composeText,
            Map<String, String> files, boolean startMayFail) {
        Path directory = workDirectory.resolve(project);
        writeAll(directory, composeText, files);
        List<String> base = List.of(DOCKER_COMPOSE, "-p", project, "-f", "compose.yaml");
        try {
            Result up = run(directory, concat(base, "up", "-d", "--no-build"));
            if (up.exitCode() != 0 && !(startMayFail && up.output().contains("Cannot start service"))) {
                throw new AssertionError("docker-compose up failed (" + up.exitCode() + "):\n" + up.output());
            }
            return inspectAll(OwnershipLabels.COMPOSE_PROJECT, project, project);
        } finally {
            // -v: the project's named volumes too, and the containers' anonymous ones; all are this case's own.
            Result down = run(directory, concat(base, "down", "-v", "-t", "1", "--remove-orphans"));
            if (down.exitCode() != 0) {
                removeProject(OwnershipLabels.COMPOSE_PROJECT, project);
            }
        }
    }

    private Map<String, Map<String, String>> driftless(String app, String composeText, Map<String, String> files,
            boolean startMayFail) {
        Path base = workDirectory.resolve(app);
        try (TestRepo repo = TestRepo.init(base.resolve("repo"));
                GitDesiredStateSource source = new GitDesiredStateSource(
                        new SourceSpec(repo.directory().toString(), "main"), base.resolve("cache"))) {
            repo.write(app + "/compose.yaml", composeText);
            files.forEach((path, content) -> repo.write(app + "/" + path, content));
            policies(composeText).ifPresent(policies -> repo.write("driftless.yaml", policies));
            repo.commit("parity case");
            Clock clock = Clock.systemUTC();
            // The engine is shared: the reconcile is scoped to this app and never prunes, so that
            // other apps on the engine (other tests, other engineers' runs) are never touched.
            Reconciler reconciler = new Reconciler(source, () -> DockerObserver.observe(engine),
                    new DockerApplier(engine, clock, DockerApplier.DEFAULT_PARALLELISM,
                            HostFiles.under(base.resolve("files"))), new RecordingHistory(), ReconcileMetrics.NONE,
                    new PlanPolicy(false), clock);
            ReconcileReport report = reconciler.reconcile(Trigger.POLL, ReconcileScope.apps(Set.of(app)));
            if (report.failed() && !(startMayFail && report.toString().contains("create "))) {
                throw new AssertionError("Driftless failed to apply the file: " + report);
            }
            return inspectAll(OwnershipLabels.APP, app, app);
        } finally {
            removeProject(OwnershipLabels.APP, app);
        }
    }

    /** A {@code driftless.yaml} holding the file's {@code x-policies} as its policies, if it has them. */
    private static Optional<String> policies(String composeText) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Object document = yaml.load(composeText);
        Object policies = document instanceof Map<?, ?> map ? map.get("x-policies") : null;
        return Optional.ofNullable(policies).map(found -> yaml.dump(Map.of("policies", found)));
    }

    /** Each container of the project, normalised and flattened, by {@code <service>#<number>}. */
    private Map<String, Map<String, String>> inspectAll(String label, String value, String project) {
        List<Container> containers = client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(label, value)).exec();
        Map<String, Map<String, String>> result = new TreeMap<>();
        for (Container container : containers) {
            JsonNode inspect = inspect(container.getId());
            Map<String, String> labels = container.getLabels();
            String key = labels.get(OwnershipLabels.COMPOSE_SERVICE) + "#"
                    + labels.get(OwnershipLabels.COMPOSE_NUMBER);
            String name = inspect.path("Name").asText().replaceFirst("^/", "");
            Map<String, String> flat = flatten(inspect, project, name, container.getId());
            flat.put("Name", defaultName(name, project, labels) ? DEFAULT_NAME : name.replace(project, "<project>"));
            result.put(key, flat);
        }
        return result;
    }

    /**
     * Whether {@code name} is the tool's own choice: docker-compose 1.29 names containers
     * {@code <project>_<service>_<n>}, Driftless (like Compose v2) {@code <project>-<service>-<n>}.
     */
    private static boolean defaultName(String name, String project, Map<String, String> labels) {
        String service = labels.get(OwnershipLabels.COMPOSE_SERVICE);
        String number = labels.get(OwnershipLabels.COMPOSE_NUMBER);
        return name.equals(project + "_" + service + "_" + number) || name.equals(project + "-" + service + "-" + number);
    }

    private JsonNode inspect(String id) {
        Result out = run(workDirectory, List.of("docker", "inspect", id));
        if (out.exitCode() != 0) {
            throw new AssertionError("docker inspect " + id + " failed: " + out.output());
        }
        try {
            return JSON.readTree(out.output()).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The inspect document as dotted path → text, identities replaced, tool fields dropped. */
    private Map<String, String> flatten(JsonNode inspect, String project, String name, String id) {
        Map<String, String> flat = new TreeMap<>();
        List<String[]> replacements = List.of(
                new String[] {id, "<id>"}, new String[] {id.substring(0, 12), "<id>"},
                new String[] {name, "<name>"}, new String[] {project, "<project>"});
        walk(inspect, "", flat, replacements);
        flat.keySet().removeIf(path -> TOOL_LABEL.matcher(path).matches()
                || ignored.stream().anyMatch(pattern -> pattern.matcher(path).matches()));
        return flat;
    }

    private void walk(JsonNode node, String path, Map<String, String> flat, List<String[]> replacements) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                flat.put(path, EMPTY);
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = replace(field.getKey(), replacements);
                walk(field.getValue(), path.isEmpty() ? key : path + "." + key, flat, replacements);
            }
        } else if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(items::add);
            if (path.equals("Mounts")) {
                // By destination: a repo file's host path differs by design (Driftless copies it), so
                // sorting by the whole entry would pair unrelated mounts.
                items.sort(java.util.Comparator.comparing((JsonNode mount) -> mount.path("Destination").asText())
                        .thenComparing(mount -> replace(mount.toString(), replacements)));
            } else if (UNORDERED.contains(path) || path.endsWith(".Aliases")) {
                // Aliases too: the engine treats them as a set, and docker-compose 1.29 orders them
                // differently from one run to the next.
                items.sort((a, b) -> replace(a.toString(), replacements).compareTo(replace(b.toString(), replacements)));
            }
            if (items.isEmpty()) {
                flat.put(path, EMPTY);
            }
            // Aliases that are the container's own name or id differ by construction: dropped.
            if (path.endsWith(".Aliases")) {
                items.removeIf(alias -> Set.of("<id>", "<name>").contains(replace(alias.asText(), replacements)));
            }
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), path + "[" + i + "]", flat, replacements);
            }
        } else {
            flat.put(path, node.isNull() ? EMPTY : replace(node.asText(), replacements));
        }
    }

    private static String replace(String text, List<String[]> replacements) {
        String out = text;
        for (String[] replacement : replacements) {
            out = out.replace(replacement[0], replacement[1]);
        }
        return out;
    }

    private static List<Difference> differences(Map<String, Map<String, String>> byCompose,
            Map<String, Map<String, String>> byDriftless) {
        List<Difference> differences = new ArrayList<>();
        Set<String> containers = new TreeSet<>(byCompose.keySet());
        containers.addAll(byDriftless.keySet());
        for (String container : containers) {
            Map<String, String> left = byCompose.get(container);
            Map<String, String> right = byDriftless.get(container);
            if (left == null || right == null) {
                differences.add(new Difference(container, "(container)", left == null ? "absent" : "present",
                        right == null ? "absent" : "present"));
                continue;
            }
            Set<String> paths = new TreeSet<>(left.keySet());
            paths.addAll(right.keySet());
            for (String path : paths) {
                String a = left.get(path);
                String b = right.get(path);
                if (!Objects.equals(a, b)) {
                    differences.add(new Difference(container, path, String.valueOf(a), String.valueOf(b)));
                }
            }
        }
        return differences;
    }

    /**
     * Removes what an interrupted earlier run of this harness left on the engine: docker-compose
     * projects and Driftless apps named with {@link TestEngine#APP_PREFIX}, and nothing else.
     */
    public static void removeLeftovers(DockerClient client) {
        for (String label : List.of(OwnershipLabels.COMPOSE_PROJECT, OwnershipLabels.APP)) {
            Set<String> projects = new TreeSet<>();
            client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec().forEach(container -> {
                String project = container.getLabels().get(label);
                if (project != null && project.startsWith(TestEngine.APP_PREFIX)) {
                    projects.add(project);
                }
            });
            client.listNetworksCmd().withFilter("label", List.of(label)).exec().forEach(network -> {
                String project = network.getLabels().get(label);
                if (project != null && project.startsWith(TestEngine.APP_PREFIX)) {
                    projects.add(project);
                }
            });
            projects.forEach(project -> removeProject(client, label, project));
        }
    }

    private void removeProject(String label, String project) {
        removeProject(client(), label, project);
    }

    private static void removeProject(DockerClient client, String label, String project) {
        for (Container container : client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(label, project)).exec()) {
            try {
                client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException | com.github.dockerjava.api.exception.ConflictException gone) {
                // removed meanwhile
            }
        }
        for (Network network : client.listNetworksCmd().withFilter("label", List.of(label + "=" + project)).exec()) {
            try {
                client.removeNetworkCmd(network.getId()).exec();
            } catch (NotFoundException gone) {
                // removed meanwhile
            }
        }
        TestEngine.removeVolumes(client, label, project);
    }

    private DockerClient client() {
        return engine.client();
    }

    private static void writeAll(Path directory, String composeText, Map<String, String> files) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("compose.yaml"), composeText);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = directory.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path directory, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private static List<Pattern> patterns(String... regexes) {
        return java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
    }
}
