package dev.driftless.reconciler.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.docker.DockerEngineException;
import dev.driftless.reconciler.state.OwnershipLabels;
import org.junit.jupiter.api.Assumptions;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real Docker engine for integration tests. Without one, tests fail loudly under
 * {@code CI=true} and are skipped with a hint elsewhere. Everything a test creates is named with
 * {@link #APP_PREFIX} and removed by that prefix only, so a test never touches anything else on the
 * engine, and leftovers of a killed earlier run are cleared at the next start.
 */
public final class TestEngine {

    /**
     * Every app a test deploys is named with this prefix. {@code -Ddriftless.it.run=NAME} narrows it
     * to {@code driftless-it-NAME-}, so two test runs sharing one engine (parallel worktrees) clear
     * only their own leftovers; the default clears every test app, which is what CI wants.
     */
    public static final String APP_PREFIX = "driftless-it-"
            + (System.getProperty("driftless.it.run", "").isBlank() ? "" : System.getProperty("driftless.it.run") + "-");
    /** The label test Compose files put on containers, marking them as test-made. */
    public static final String TEST_LABEL = "test.driftless.kind";

    public static final URI HOST = URI.create(System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock"));

    private TestEngine() {
    }

    public static DockerEngine connect() {
        try {
            return DockerEngine.connect(HOST);
        } catch (DockerEngineException e) {
            String message = "no Docker engine answers at " + HOST + " (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + "; CI must provide one (.ci/run starts dockerd)", e);
            }
            Assumptions.abort(message + "; start one with scripts/host-setup.sh to run this test");
            throw new IllegalStateException("unreachable");
        }
    }

    /**
     * What the engine runs of {@code app} alone: a reconciler that sees only its own test app can
     * never prune another test's (or another engineer's) apps on the shared engine as "left the repo".
     */
    public static dev.driftless.reconciler.engine.TargetObserver observeOnly(DockerEngine engine, String app) {
        return () -> {
            dev.driftless.reconciler.state.ObservedTarget all = dev.driftless.reconciler.docker.DockerObserver
                    .observe(engine);
            return new dev.driftless.reconciler.state.ObservedTarget(all.target(),
                    all.apps().containsKey(app) ? Map.of(app, all.app(app)) : Map.of(), all.engineNetworks(),
                    all.engineVolumes(), all.images());
        };
    }

    /**
     * What the engine runs of this run's test apps (named with {@link #APP_PREFIX}) only: a test
     * reconciling a whole repository never prunes the apps of another run sharing the engine.
     */
    public static dev.driftless.reconciler.engine.TargetObserver observeRun(DockerEngine engine) {
        return () -> {
            dev.driftless.reconciler.state.ObservedTarget all = dev.driftless.reconciler.docker.DockerObserver
                    .observe(engine);
            Map<String, dev.driftless.reconciler.state.ObservedApp> ours = new java.util.TreeMap<>(all.apps());
            ours.keySet().removeIf(app -> !app.startsWith(APP_PREFIX));
            return new dev.driftless.reconciler.state.ObservedTarget(all.target(), ours, all.engineNetworks(),
                    all.engineVolumes(), all.images());
        };
    }

    /** A fresh app name for one test. */
    public static String uniqueApp(String purpose) {
        return APP_PREFIX + purpose + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** Removes the containers and networks of test apps: those named with the prefix, and nothing else. */
    public static void removeTestObjects(DockerClient client) {
        List<Container> containers = client.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(OwnershipLabels.APP)).exec();
        for (Container container : containers) {
            String app = container.getLabels().get(OwnershipLabels.APP);
            if (app != null && app.startsWith(APP_PREFIX)) {
                removeContainer(client, container.getId());
            }
        }
        for (Container container : client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(TEST_LABEL, "hand-started")).exec()) {
            if (container.getNames() != null && container.getNames().length > 0
                    && container.getNames()[0].startsWith("/" + APP_PREFIX)) {
                removeContainer(client, container.getId());
            }
        }
        var volumes = client.listVolumesCmd().withFilter("label", List.of(OwnershipLabels.APP)).exec().getVolumes();
        for (var volume : volumes == null ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : volumes) {
            String app = volume.getLabels().get(OwnershipLabels.APP);
            if (app != null && app.startsWith(APP_PREFIX)) {
                removeVolumes(client, OwnershipLabels.APP, app);
            }
        }
        for (Network network : client.listNetworksCmd().withFilter("label", List.of(OwnershipLabels.APP)).exec()) {
            String app = network.getLabels().get(OwnershipLabels.APP);
            if (app != null && app.startsWith(APP_PREFIX)) {
                try {
                    client.removeNetworkCmd(network.getId()).exec();
                } catch (NotFoundException gone) {
                    // removed meanwhile
                }
            }
        }
    }

    /** Removes the volumes whose {@code label} is {@code value} (a test app or project: named with the prefix). */
    public static void removeVolumes(DockerClient client, String label, String value) {
        if (!value.startsWith(APP_PREFIX)) {
            throw new IllegalArgumentException(value + " is not a test app");
        }
        var volumes = client.listVolumesCmd().withFilter("label", List.of(label + "=" + value)).exec().getVolumes();
        for (var volume : volumes == null ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : volumes) {
            try {
                client.removeVolumeCmd(volume.getName()).exec();
            } catch (NotFoundException gone) {
                // removed meanwhile
            }
        }
    }

    /** Removes the containers and networks of one test app, and nothing else. */
    public static void removeApp(DockerClient client, String app) {
        for (Container container : client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(OwnershipLabels.APP, app)).exec()) {
            removeContainer(client, container.getId());
        }
        for (Network network : client.listNetworksCmd()
                .withFilter("label", List.of(OwnershipLabels.APP + "=" + app)).exec()) {
            client.removeNetworkCmd(network.getId()).exec();
        }
    }

    private static void removeContainer(DockerClient client, String id) {
        try {
            // With its anonymous volumes, which nothing else can name; named volumes are never removed so.
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // removed meanwhile
        }
    }
}
